ALTER TABLE orders ADD COLUMN channel VARCHAR(20) NOT NULL DEFAULT 'web';
CREATE INDEX idx_orders_channel ON orders (channel);
