-- Read model of users, built by the `users` projection; safe to drop and rebuild by replay.
CREATE TABLE users_view (
    id           varchar(36)  NOT NULL PRIMARY KEY,
    email        varchar(320),
    phone_number varchar(32),
    full_name    varchar(200),
    username     varchar(64),
    bio          varchar(1000),
    avatar       varchar(1000),
    role         varchar(16)  NOT NULL,
    is_active    boolean      NOT NULL,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    version      bigint       NOT NULL
);
CREATE UNIQUE INDEX users_view_username_idx ON users_view (username) WHERE username IS NOT NULL;
CREATE INDEX users_view_created_idx ON users_view (created_at DESC);
