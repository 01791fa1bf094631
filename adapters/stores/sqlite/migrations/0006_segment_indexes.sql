-- Version 6: indexes that answer a segment's rules from the index alone. A spend rule reads one
-- currency's days since the look-back, with the customer and the spend; a "no order within" rule
-- reads every currency's days since the look-back, with the customer and the order count.
DROP INDEX customer_days_day;
CREATE INDEX customer_days_spend ON customer_days (currency, day, customer_id, spent_minor, orders);
CREATE INDEX customer_days_orders ON customer_days (day, customer_id, orders);
