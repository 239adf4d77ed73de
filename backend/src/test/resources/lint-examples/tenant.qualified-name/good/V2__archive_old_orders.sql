INSERT INTO orders_archive
SELECT * FROM shop_orders.orders WHERE created_at < '2024-01-01';
