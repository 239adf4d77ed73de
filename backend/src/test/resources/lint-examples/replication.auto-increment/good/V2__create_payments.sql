-- id is a UUID (as 16 bytes) that the service generates, unique in every region
CREATE TABLE payments (
  id BINARY(16) NOT NULL,
  order_id BIGINT NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
