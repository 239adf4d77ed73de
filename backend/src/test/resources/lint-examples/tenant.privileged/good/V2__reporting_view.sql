-- reporting asks Larder for time-boxed read access; the migration only shapes what it reads
CREATE VIEW order_totals AS
SELECT customer_id, SUM(total) AS total FROM orders GROUP BY customer_id;
