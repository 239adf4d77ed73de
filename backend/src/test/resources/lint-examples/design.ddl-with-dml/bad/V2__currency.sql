ALTER TABLE orders ADD COLUMN currency CHAR(3) NULL;
UPDATE orders SET currency = 'EUR' WHERE currency IS NULL;
