-- Access-token validity and Telegram settings in the users read model.
ALTER TABLE users_view
    ADD COLUMN tokens_not_before  timestamptz,
    ADD COLUMN telegram_enabled   boolean NOT NULL DEFAULT false,
    ADD COLUMN telegram_bot_token varchar(512),
    ADD COLUMN telegram_chat_id   varchar(64);
CREATE INDEX users_view_email_idx ON users_view (email);
CREATE INDEX users_view_phone_idx ON users_view (phone_number);
