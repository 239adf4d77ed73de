CREATE FUNCTION order_total(p_order_id BIGINT) RETURNS DECIMAL(12,2) READS SQL DATA
RETURN (SELECT SUM(price * quantity) FROM order_items WHERE order_id = p_order_id);
