CREATE TABLE invoices (
  id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_invoices_customer FOREIGN KEY (customer_id) REFERENCES customers.customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
