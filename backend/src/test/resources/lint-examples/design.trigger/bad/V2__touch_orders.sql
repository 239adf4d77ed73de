CREATE TRIGGER orders_touch BEFORE UPDATE ON orders
FOR EACH ROW SET NEW.updated_at = NOW();
