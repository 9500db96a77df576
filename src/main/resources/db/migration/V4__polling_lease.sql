-- Leases: a named job that only one process may run at a time, held by the process that renews it before it
-- expires. Telegram's long polling is the first user (Telegram allows one getUpdates consumer per bot): the
-- polling process renews its lease every few seconds; when it dies, another process takes over once
-- expires_at has passed. Portable as written (SQLite and PostgreSQL): TEXT, BIGINT epoch milliseconds, and
-- acquisition through INSERT ... ON CONFLICT DO UPDATE ... WHERE, whose affected-row count says who holds it.
CREATE TABLE leases (
    name       TEXT   NOT NULL PRIMARY KEY,
    owner      TEXT   NOT NULL,
    expires_at BIGINT NOT NULL
);
