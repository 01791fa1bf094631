-- Version 5: the sales rollups the reports read. Each command adds its orders' changes to these rows
-- in its own transaction, so a month's report reads a few hundred rows, never the orders.

-- One row per shop-local day, currency, payment method and channel ('' when none); amounts in minor units.
CREATE TABLE sales_days (
    day             TEXT NOT NULL,
    currency        TEXT NOT NULL,
    payment_method  TEXT NOT NULL,
    channel         TEXT NOT NULL,
    orders          BIGINT NOT NULL DEFAULT 0,
    cancelled       BIGINT NOT NULL DEFAULT 0,
    items           BIGINT NOT NULL DEFAULT 0,
    subtotal_minor  BIGINT NOT NULL DEFAULT 0,
    discount_minor  BIGINT NOT NULL DEFAULT 0,
    shipping_minor  BIGINT NOT NULL DEFAULT 0,
    packaging_minor BIGINT NOT NULL DEFAULT 0,
    tax_minor       BIGINT NOT NULL DEFAULT 0,
    total_minor     BIGINT NOT NULL DEFAULT 0,
    collected_minor BIGINT NOT NULL DEFAULT 0,
    refunded_minor  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, currency, payment_method, channel)
);

-- One row per shop-local day, currency and variant.
CREATE TABLE sales_variant_days (
    day            TEXT NOT NULL,
    currency       TEXT NOT NULL,
    variant_id     TEXT NOT NULL,
    product_id     TEXT NOT NULL,
    units          BIGINT NOT NULL DEFAULT 0,
    revenue_minor  BIGINT NOT NULL DEFAULT 0,
    returned_units BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, currency, variant_id)
);

-- The same per calendar month (`YYYY-MM` of the shop-local day), so a quarter reads three months of rows.
CREATE TABLE sales_variant_months (
    month          TEXT NOT NULL,
    currency       TEXT NOT NULL,
    variant_id     TEXT NOT NULL,
    product_id     TEXT NOT NULL,
    units          BIGINT NOT NULL DEFAULT 0,
    revenue_minor  BIGINT NOT NULL DEFAULT 0,
    returned_units BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (month, currency, variant_id)
);

-- Counted steps per shop-local day: the funnel (carts, checkouts, orders, payment, follow-ups) and
-- promotions (key: the promotion), with an amount in minor units where the metric has one.
CREATE TABLE report_counts (
    day          TEXT NOT NULL,
    metric       TEXT NOT NULL,
    key          TEXT NOT NULL,
    currency     TEXT NOT NULL,
    count        BIGINT NOT NULL DEFAULT 0,
    value BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, metric, key, currency)
);

-- What each customer has ordered per currency (orders not cancelled), and the span of their orders.
CREATE TABLE customer_sales (
    customer_id TEXT NOT NULL,
    currency    TEXT NOT NULL,
    orders      BIGINT NOT NULL DEFAULT 0,
    spent_minor BIGINT NOT NULL DEFAULT 0,
    first_day   TEXT NOT NULL,
    last_day    TEXT NOT NULL,
    PRIMARY KEY (customer_id, currency)
);
CREATE INDEX customer_sales_first_day ON customer_sales (currency, first_day);

-- What each customer ordered per shop-local day and which products they bought (orders not
-- cancelled): what customer segments are counted from.
CREATE TABLE customer_days (
    customer_id TEXT NOT NULL,
    day         TEXT NOT NULL,
    currency    TEXT NOT NULL,
    orders      BIGINT NOT NULL DEFAULT 0,
    spent_minor BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (customer_id, day, currency)
);
CREATE INDEX customer_days_day ON customer_days (day, currency, customer_id);
CREATE TABLE customer_products (
    customer_id TEXT NOT NULL,
    product_id  TEXT NOT NULL,
    units       BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (customer_id, product_id)
);
CREATE INDEX customer_products_product ON customer_products (product_id, customer_id);

-- Segments, stored and versioned like every aggregate.
CREATE TABLE segments (
    id      TEXT PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version > 0),
    body    JSONB NOT NULL
);

-- The profile a segment rule reads, beside each customer: locale, and the countries of their
-- addresses and their groups as comma-framed lists (',BG,RO,').
ALTER TABLE customers ADD COLUMN locale TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN countries TEXT NOT NULL DEFAULT ',';
ALTER TABLE customers ADD COLUMN customer_groups TEXT NOT NULL DEFAULT ',';
UPDATE customers SET
    locale = COALESCE(body->>'locale', ''),
    countries = ',' || COALESCE((SELECT string_agg(a->>'country', ',') || ',' FROM jsonb_array_elements(body->'addresses') a), ''),
    customer_groups = ',' || COALESCE((SELECT string_agg(g, ',') || ',' FROM jsonb_array_elements_text(body->'groups') g), '');
