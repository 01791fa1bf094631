-- Version 9: every customer gets a small number, given once at registration and never reused, and the
-- per-day rollup carries it, so a segment groups and joins 8-byte integers instead of id texts.
ALTER TABLE customers ADD COLUMN number INTEGER;
UPDATE customers SET number = rowid;
CREATE UNIQUE INDEX customers_number ON customers (number);
CREATE TRIGGER customers_numbered AFTER INSERT ON customers WHEN NEW.number IS NULL
BEGIN
    UPDATE customers SET number = (SELECT COALESCE(MAX(number), 0) + 1 FROM customers) WHERE id = NEW.id;
END;

ALTER TABLE customer_days ADD COLUMN customer_number INTEGER;
UPDATE customer_days SET customer_number = (SELECT number FROM customers WHERE customers.id = customer_days.customer_id);
DROP INDEX customer_days_spend;
DROP INDEX customer_days_orders;
CREATE INDEX customer_days_spend ON customer_days (currency, day, customer_number, spent_minor, orders);
CREATE INDEX customer_days_orders ON customer_days (day, customer_number, orders);
