UPDATE orders SET status = 'shipped' WHERE id IN (1, 2);
