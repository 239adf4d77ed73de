GRANT SELECT ON shop_orders.* TO 'reporting'@'%';
