CREATE VIEW order_totals AS
SELECT order_id, SUM(price * quantity) AS total FROM order_items GROUP BY order_id;
