LOCK TABLES orders WRITE;
UPDATE orders SET status = 'cancelled' WHERE status = 'pending_payment';
UNLOCK TABLES;
