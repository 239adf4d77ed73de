CREATE TABLE order_events (
  id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  event VARCHAR(40) NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY idx_order_events_order (order_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
