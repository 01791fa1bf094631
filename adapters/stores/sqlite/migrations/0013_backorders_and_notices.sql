-- Backorders and pre-orders hold units beyond the stock on hand until it arrives, so a level's
-- reserved units may now exceed its units on hand; units on hand still never go below zero. SQLite
-- cannot drop a check, so the table is rebuilt; the holds' foreign key is checked at commit.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE stock_levels_rebuilt (
    location_id TEXT NOT NULL REFERENCES stock_locations (id),
    variant_id  TEXT NOT NULL,
    on_hand     INTEGER NOT NULL CHECK (on_hand >= 0),
    reserved    INTEGER NOT NULL CHECK (reserved >= 0),
    low_at      INTEGER,
    low_alerted INTEGER NOT NULL DEFAULT 0,
    crossings   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (variant_id, location_id)
);
INSERT INTO stock_levels_rebuilt (location_id, variant_id, on_hand, reserved, low_at, low_alerted, crossings)
    SELECT location_id, variant_id, on_hand, reserved, low_at, low_alerted, crossings FROM stock_levels;
DROP TABLE stock_levels;
ALTER TABLE stock_levels_rebuilt RENAME TO stock_levels;

-- Shoppers' requests to be e-mailed once when a variant can be ordered again.
CREATE TABLE stock_notices (
    id         TEXT PRIMARY KEY,
    version    INTEGER NOT NULL CHECK (version > 0),
    body       TEXT NOT NULL,
    variant_id TEXT NOT NULL,
    email      TEXT NOT NULL,
    state      TEXT NOT NULL
);
CREATE INDEX stock_notices_waiting ON stock_notices (state, variant_id);
CREATE INDEX stock_notices_email ON stock_notices (email);
