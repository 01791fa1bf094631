-- Version 3: what the Shop stores besides the first aggregates. The event log, stored-value ledger
-- rows, reviews, wish lists, bank transfers and statement lines, marketing sends, knowledge-base
-- articles and the versioned back-office settings; every aggregate is a JSON document with an optimistic version.

CREATE TABLE events (
    id   TEXT PRIMARY KEY,
    at   INTEGER NOT NULL,
    type TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX events_at ON events (at, id);
CREATE INDEX events_type ON events (type, at);

CREATE TABLE ledger_entries (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    account      TEXT NOT NULL,
    account_id   TEXT NOT NULL,
    key          TEXT NOT NULL,
    at           INTEGER NOT NULL,
    amount_minor INTEGER NOT NULL,
    currency     TEXT NOT NULL,
    body         TEXT NOT NULL,
    UNIQUE (account, account_id, key)
);

CREATE TABLE reviews (
    id          TEXT PRIMARY KEY,
    version     INTEGER NOT NULL CHECK (version > 0),
    body        TEXT NOT NULL,
    product_id  TEXT NOT NULL,
    customer_id TEXT,
    state       TEXT
);
CREATE INDEX reviews_product ON reviews (product_id);

CREATE TABLE wish_lists (
    id          TEXT PRIMARY KEY,
    version     INTEGER NOT NULL CHECK (version > 0),
    body        TEXT NOT NULL,
    customer_id TEXT NOT NULL
);
CREATE INDEX wish_lists_customer ON wish_lists (customer_id);

CREATE TABLE bank_transfers (
    id        TEXT PRIMARY KEY,
    version   INTEGER NOT NULL CHECK (version > 0),
    body      TEXT NOT NULL,
    order_id  TEXT NOT NULL UNIQUE,
    reference TEXT NOT NULL UNIQUE,
    state     TEXT
);
CREATE INDEX bank_transfers_state ON bank_transfers (state);

CREATE TABLE statement_lines (
    id                  TEXT PRIMARY KEY,
    version             INTEGER NOT NULL CHECK (version > 0),
    body                TEXT NOT NULL,
    bank_transaction_id TEXT NOT NULL UNIQUE,
    order_id            TEXT
);

CREATE TABLE marketing_sends (
    id          TEXT PRIMARY KEY,
    version     INTEGER NOT NULL CHECK (version > 0),
    body        TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    campaign    TEXT NOT NULL,
    sent_at     INTEGER NOT NULL
);
CREATE INDEX marketing_sends_customer ON marketing_sends (customer_id, sent_at);

CREATE TABLE knowledge_articles (
    id       TEXT PRIMARY KEY,
    version  INTEGER NOT NULL CHECK (version > 0),
    body     TEXT NOT NULL,
    category TEXT NOT NULL,
    locale   TEXT NOT NULL
);
CREATE INDEX knowledge_articles_category ON knowledge_articles (category);
CREATE INDEX knowledge_articles_locale ON knowledge_articles (locale);

CREATE TABLE settings (
    id      TEXT PRIMARY KEY,
    version INTEGER NOT NULL CHECK (version > 0),
    body    TEXT NOT NULL
);

CREATE INDEX payments_state ON payments (state);
CREATE INDEX shipments_state ON shipments (state);
CREATE INDEX returns_state ON returns (state);
CREATE INDEX support_cases_state ON support_cases (state);

-- Orders carry the payment method and the money received as columns, for the sales queries.
-- Orders stored before this version count as nothing received until they are saved again.
ALTER TABLE orders ADD COLUMN payment_method TEXT;
ALTER TABLE orders ADD COLUMN paid_minor INTEGER;
UPDATE orders SET payment_method = json_extract(body, '$.delivery.payment_method');
CREATE INDEX orders_payment_method ON orders (payment_method, placed_at);

-- A checkout session followed up once is listed as abandoned no more.
ALTER TABLE checkout_sessions ADD COLUMN followed_up_at INTEGER;
CREATE INDEX checkout_sessions_abandoned ON checkout_sessions (step, followed_up_at, last_activity_at);
