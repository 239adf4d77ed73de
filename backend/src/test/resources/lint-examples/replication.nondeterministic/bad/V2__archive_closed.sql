UPDATE orders SET archived_at = NOW() WHERE status = 'closed';
