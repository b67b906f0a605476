-- The sessions of each user that have not ended (JSON {"<session id>": "<refresh-token expiry>"}): an access
-- token is accepted only while its session is listed. Durable here; Redis only caches it (AuthStateGuard).
ALTER TABLE users_view ADD COLUMN sessions text;
-- The existing rows lack their sessions: a negative version marks them behind the event store, so readers
-- fold the user's events in memory (UserRowReader) and the user's next command writes the row back, complete.
UPDATE users_view SET version = -1;
