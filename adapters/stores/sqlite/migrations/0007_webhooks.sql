-- Version 7: webhooks that move stored payments. A payment is found by its gateway reference (the
-- column is filled from the stored documents), and each applied event is kept once per gateway.
ALTER TABLE payments ADD COLUMN gateway_reference TEXT;
UPDATE payments SET gateway_reference = json_extract(body, '$.gateway_reference');
CREATE INDEX payments_gateway_reference ON payments (gateway_reference);

CREATE TABLE received_webhooks (
    id         TEXT PRIMARY KEY,
    version    INTEGER NOT NULL CHECK (version > 0),
    body       TEXT NOT NULL,
    payment_id TEXT NOT NULL
);
CREATE INDEX received_webhooks_payment ON received_webhooks (payment_id);
