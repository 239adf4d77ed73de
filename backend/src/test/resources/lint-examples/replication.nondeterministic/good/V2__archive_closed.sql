UPDATE orders SET archived_at = '2024-06-01 00:00:00' WHERE status = 'closed';
