-- Backorders and pre-orders hold units beyond the stock on hand until it arrives, so a level's
-- reserved units may now exceed its units on hand; units on hand still never go below zero.
ALTER TABLE stock_levels DROP CONSTRAINT stock_levels_check;
ALTER TABLE stock_levels ADD CONSTRAINT stock_levels_reserved_check CHECK (reserved >= 0);

-- Shoppers' requests to be e-mailed once when a variant can be ordered again.
CREATE TABLE stock_notices (
    id         TEXT PRIMARY KEY,
    version    BIGINT NOT NULL CHECK (version > 0),
    body       JSONB NOT NULL,
    variant_id TEXT NOT NULL,
    email      TEXT NOT NULL,
    state      TEXT NOT NULL
);
CREATE INDEX stock_notices_waiting ON stock_notices (state, variant_id);
CREATE INDEX stock_notices_email ON stock_notices (email);
