INSERT INTO orders_archive
SELECT * FROM billing.orders WHERE created_at < '2024-01-01';
