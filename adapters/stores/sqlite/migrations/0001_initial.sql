-- Vitrina's SQLite schema, version 1. Aggregates are JSON documents (body) with an optimistic
-- version and indexed columns; money is INTEGER minor units next to an ISO 4217 code; instants are
-- INTEGER microseconds since the Unix epoch.

CREATE TABLE catalog_snapshots (
    version      INTEGER PRIMARY KEY,
    body         TEXT NOT NULL,
    published_at INTEGER NOT NULL
);

CREATE TABLE carts (
    id          TEXT PRIMARY KEY,
    version     INTEGER NOT NULL CHECK (version > 0),
    body        TEXT NOT NULL,
    customer_id TEXT
);
CREATE INDEX carts_customer ON carts (customer_id);

CREATE TABLE checkout_sessions (
    id          TEXT PRIMARY KEY,
    version     INTEGER NOT NULL CHECK (version > 0),
    body        TEXT NOT NULL,
    cart_id     TEXT NOT NULL,
    customer_id TEXT,
    step        TEXT
);
CREATE INDEX checkout_sessions_cart ON checkout_sessions (cart_id);

CREATE TABLE orders (
    id          TEXT PRIMARY KEY,
    version     INTEGER NOT NULL CHECK (version > 0),
    body        TEXT NOT NULL,
    number      TEXT NOT NULL UNIQUE,
    customer_id TEXT,
    state       TEXT,
    placed_at   INTEGER NOT NULL,
    total_minor INTEGER NOT NULL,
    currency    TEXT NOT NULL
);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE INDEX orders_state ON orders (state);

CREATE TABLE order_sequences (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE payments (
    id             TEXT PRIMARY KEY,
    version        INTEGER NOT NULL CHECK (version > 0),
    body           TEXT NOT NULL,
    order_id       TEXT NOT NULL,
    state          TEXT,
    captured_minor INTEGER NOT NULL,
    amount_minor   INTEGER NOT NULL,
    currency       TEXT NOT NULL
);
CREATE INDEX payments_order ON payments (order_id);

CREATE TABLE customers (
    id      TEXT PRIMARY KEY,
    version INTEGER NOT NULL CHECK (version > 0),
    body    TEXT NOT NULL,
    email   TEXT NOT NULL UNIQUE
);

CREATE TABLE support_cases (
    id          TEXT PRIMARY KEY,
    version     INTEGER NOT NULL CHECK (version > 0),
    body        TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    order_id    TEXT,
    state       TEXT
);
CREATE INDEX support_cases_customer ON support_cases (customer_id);

CREATE TABLE stock (
    variant_id TEXT PRIMARY KEY,
    on_hand    INTEGER NOT NULL CHECK (on_hand >= 0),
    reserved   INTEGER NOT NULL CHECK (reserved >= 0 AND reserved <= on_hand)
);

CREATE TABLE stock_reservations (
    order_id   TEXT NOT NULL,
    variant_id TEXT NOT NULL REFERENCES stock (variant_id),
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (order_id, variant_id)
);
CREATE INDEX stock_reservations_expiry ON stock_reservations (expires_at);

CREATE TABLE promotion_usage (
    promotion_id TEXT PRIMARY KEY,
    times_used   INTEGER NOT NULL CHECK (times_used >= 0)
);

CREATE TABLE promotion_customer_usage (
    promotion_id TEXT NOT NULL,
    customer_id  TEXT NOT NULL,
    times_used   INTEGER NOT NULL CHECK (times_used >= 0),
    PRIMARY KEY (promotion_id, customer_id)
);

CREATE TABLE idempotency_keys (
    key         TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    result      TEXT
);

CREATE TABLE outbox (
    id              TEXT PRIMARY KEY,
    message_id      TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    body            TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
