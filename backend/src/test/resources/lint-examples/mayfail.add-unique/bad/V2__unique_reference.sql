ALTER TABLE orders ADD UNIQUE KEY uk_orders_reference (reference);
