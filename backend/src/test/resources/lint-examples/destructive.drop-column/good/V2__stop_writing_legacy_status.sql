ALTER TABLE orders MODIFY COLUMN legacy_status VARCHAR(20) NULL COMMENT 'deprecated: no longer written';
