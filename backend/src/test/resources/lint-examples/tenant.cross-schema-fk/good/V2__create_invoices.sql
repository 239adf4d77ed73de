-- customer_id belongs to the customers service; this service checks it through that service's API
CREATE TABLE invoices (
  id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY idx_invoices_customer (customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
