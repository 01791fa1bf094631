-- Inventory: stock locations, per-location levels and the movement ledger. The single stock figure
-- of each variant moves to the `default` location with one opening count row, and each open
-- reservation to a hold at that location with its reservation row, so the ledger balances. A level
-- may have a low-stock threshold (`low_at`): `low_alerted` is set once its free units fall to it
-- and cleared when they rise above; `crossings` counts the alerts.

CREATE TABLE stock_locations (
    id       TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    active   INTEGER NOT NULL,
    body     TEXT NOT NULL
);
INSERT INTO stock_locations (id, position, active, body) VALUES
    ('default', 0, 1, '{"id":"default","name":"Default","kind":"warehouse","zones":[],"channels":[],"active":true}');

CREATE TABLE stock_levels (
    location_id TEXT NOT NULL REFERENCES stock_locations (id),
    variant_id  TEXT NOT NULL,
    on_hand     INTEGER NOT NULL CHECK (on_hand >= 0),
    reserved    INTEGER NOT NULL CHECK (reserved >= 0 AND reserved <= on_hand),
    low_at      INTEGER,
    low_alerted INTEGER NOT NULL DEFAULT 0,
    crossings   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (variant_id, location_id)
);
INSERT INTO stock_levels (location_id, variant_id, on_hand, reserved)
    SELECT 'default', variant_id, on_hand, reserved FROM stock;

CREATE TABLE stock_movements (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id    TEXT NOT NULL,
    variant_id     TEXT NOT NULL,
    reason         TEXT NOT NULL,
    source_kind    TEXT NOT NULL,
    source_id      TEXT,
    quantity       INTEGER NOT NULL,
    on_hand_delta  INTEGER NOT NULL,
    reserved_delta INTEGER NOT NULL,
    at             INTEGER NOT NULL
);
CREATE INDEX stock_movements_level ON stock_movements (variant_id, location_id);
INSERT INTO stock_movements
    (location_id, variant_id, reason, source_kind, source_id, quantity, on_hand_delta, reserved_delta, at)
    SELECT 'default', variant_id, 'count_adjustment', 'system', NULL, on_hand, on_hand, 0,
           CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)
    FROM stock;
INSERT INTO stock_movements
    (location_id, variant_id, reason, source_kind, source_id, quantity, on_hand_delta, reserved_delta, at)
    SELECT 'default', variant_id, 'reservation', 'order', order_id, quantity, 0, quantity,
           CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)
    FROM stock_reservations;

CREATE TABLE stock_holds (
    order_id    TEXT NOT NULL,
    location_id TEXT NOT NULL,
    variant_id  TEXT NOT NULL,
    quantity    INTEGER NOT NULL CHECK (quantity > 0),
    expires_at  INTEGER NOT NULL,
    PRIMARY KEY (order_id, location_id, variant_id),
    FOREIGN KEY (variant_id, location_id) REFERENCES stock_levels (variant_id, location_id)
);
INSERT INTO stock_holds (order_id, location_id, variant_id, quantity, expires_at)
    SELECT order_id, 'default', variant_id, quantity, expires_at FROM stock_reservations;
DROP TABLE stock_reservations;
DROP TABLE stock;
ALTER TABLE stock_holds RENAME TO stock_reservations;
CREATE INDEX stock_reservations_expiry ON stock_reservations (expires_at);
