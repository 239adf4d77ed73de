-- expand: the service writes to both tables, then reads the new one; orders is dropped later
CREATE TABLE purchase_orders LIKE orders;
