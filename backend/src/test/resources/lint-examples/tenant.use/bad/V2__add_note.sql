USE shop_orders;
ALTER TABLE orders ADD COLUMN gift_note VARCHAR(200) NULL;
