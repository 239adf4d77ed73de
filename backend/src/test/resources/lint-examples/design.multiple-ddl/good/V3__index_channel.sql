CREATE INDEX idx_orders_channel ON orders (channel);
