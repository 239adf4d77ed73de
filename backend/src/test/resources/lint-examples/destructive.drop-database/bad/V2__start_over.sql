DROP DATABASE shop_orders;
