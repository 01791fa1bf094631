-- Version 2: shipments, returns, satisfaction survey requests, wallets and gift cards as documents
-- with indexed columns; columns and indexes for the listing queries (orders by placing time, carts by
-- when they were saved, abandoned checkout sessions by last activity, the outbox by creation time).

CREATE TABLE shipments (
    id       TEXT PRIMARY KEY,
    version  INTEGER NOT NULL CHECK (version > 0),
    body     TEXT NOT NULL,
    order_id TEXT NOT NULL,
    state    TEXT
);
CREATE INDEX shipments_order ON shipments (order_id);

CREATE TABLE returns (
    id          TEXT PRIMARY KEY,
    version     INTEGER NOT NULL CHECK (version > 0),
    body        TEXT NOT NULL,
    order_id    TEXT NOT NULL,
    customer_id TEXT,
    state       TEXT
);
CREATE INDEX returns_order ON returns (order_id);

CREATE TABLE survey_requests (
    id          TEXT PRIMARY KEY,
    version     INTEGER NOT NULL CHECK (version > 0),
    body        TEXT NOT NULL,
    subject     TEXT NOT NULL,
    customer_id TEXT NOT NULL
);
CREATE INDEX survey_requests_subject ON survey_requests (subject);

CREATE INDEX orders_placed ON orders (placed_at, id);

-- Abandoned checkouts are listed by last activity (backfilled from the documents).
ALTER TABLE checkout_sessions ADD COLUMN last_activity_at INTEGER;
-- (documents hold RFC 3339 UTC instants such as 2026-04-14T09:05:00.123456Z: whole seconds via
-- strftime, then the fraction's first six digits).
UPDATE checkout_sessions
SET last_activity_at = (
    SELECT CAST(strftime('%s', t) AS INTEGER) * 1000000
        + CASE WHEN substr(t, 20, 1) = '.' THEN CAST(substr(substr(t, 21, length(t) - 21) || '000000', 1, 6) AS INTEGER)
               ELSE 0 END
    FROM (SELECT json_extract(checkout_sessions.body, '$.last_activity_at') AS t)
);
CREATE INDEX checkout_sessions_activity ON checkout_sessions (step, last_activity_at);

CREATE INDEX outbox_created ON outbox (created_at, id);

-- Stored value: a wallet per customer (an account per currency inside, with its ledger) and gift
-- cards by code (with their ledger), saved whole under an optimistic version.
CREATE TABLE wallets (
    id          TEXT PRIMARY KEY,
    version     INTEGER NOT NULL CHECK (version > 0),
    body        TEXT NOT NULL,
    customer_id TEXT NOT NULL UNIQUE
);

CREATE TABLE gift_cards (
    id            TEXT PRIMARY KEY,
    version       INTEGER NOT NULL CHECK (version > 0),
    body          TEXT NOT NULL,
    code          TEXT NOT NULL UNIQUE,
    balance_minor INTEGER NOT NULL CHECK (balance_minor >= 0),
    currency      TEXT NOT NULL
);

-- Carts are listed by when the store last saved them; carts saved before this migration count as
-- saved now.
ALTER TABLE carts ADD COLUMN updated_at INTEGER;
UPDATE carts SET updated_at = CAST(ROUND((julianday('now') - 2440587.5) * 86400000000.0) AS INTEGER);
CREATE INDEX carts_updated ON carts (updated_at, id);
