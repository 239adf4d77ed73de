RENAME TABLE orders TO purchase_orders;
