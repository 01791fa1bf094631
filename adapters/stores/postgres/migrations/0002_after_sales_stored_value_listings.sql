-- Version 2: shipments, returns, satisfaction survey requests, wallets and gift cards as documents
-- with indexed columns; columns and indexes for the listing queries (orders by placing time, carts by
-- when they were saved, abandoned checkout sessions by last activity, the outbox by creation time).

CREATE TABLE shipments (
    id       TEXT PRIMARY KEY,
    version  BIGINT NOT NULL CHECK (version > 0),
    body     JSONB NOT NULL,
    order_id TEXT NOT NULL,
    state    TEXT
);
CREATE INDEX shipments_order ON shipments (order_id);

CREATE TABLE returns (
    id          TEXT PRIMARY KEY,
    version     BIGINT NOT NULL CHECK (version > 0),
    body        JSONB NOT NULL,
    order_id    TEXT NOT NULL,
    customer_id TEXT,
    state       TEXT
);
CREATE INDEX returns_order ON returns (order_id);

CREATE TABLE survey_requests (
    id          TEXT PRIMARY KEY,
    version     BIGINT NOT NULL CHECK (version > 0),
    body        JSONB NOT NULL,
    subject     TEXT NOT NULL,
    customer_id TEXT NOT NULL
);
CREATE INDEX survey_requests_subject ON survey_requests (subject);

CREATE INDEX orders_placed ON orders (placed_at, id);

-- Abandoned checkouts are listed by last activity (backfilled from the documents).
ALTER TABLE checkout_sessions ADD COLUMN last_activity_at BIGINT;
UPDATE checkout_sessions
SET last_activity_at = (EXTRACT(EPOCH FROM (body ->> 'last_activity_at')::timestamptz) * 1000000)::bigint;
CREATE INDEX checkout_sessions_activity ON checkout_sessions (step, last_activity_at);

CREATE INDEX outbox_created ON outbox (created_at, id);

-- Stored value: a wallet per customer (an account per currency inside, with its ledger) and gift
-- cards by code (with their ledger), saved whole under an optimistic version.
CREATE TABLE wallets (
    id          TEXT PRIMARY KEY,
    version     BIGINT NOT NULL CHECK (version > 0),
    body        JSONB NOT NULL,
    customer_id TEXT NOT NULL UNIQUE
);

CREATE TABLE gift_cards (
    id            TEXT PRIMARY KEY,
    version       BIGINT NOT NULL CHECK (version > 0),
    body          JSONB NOT NULL,
    code          TEXT NOT NULL UNIQUE,
    balance_minor BIGINT NOT NULL CHECK (balance_minor >= 0),
    currency      TEXT NOT NULL
);

-- Carts are listed by when the store last saved them; carts saved before this migration count as
-- saved now.
ALTER TABLE carts ADD COLUMN updated_at BIGINT;
UPDATE carts SET updated_at = (EXTRACT(EPOCH FROM now()) * 1000000)::bigint;
CREATE INDEX carts_updated ON carts (updated_at, id);
