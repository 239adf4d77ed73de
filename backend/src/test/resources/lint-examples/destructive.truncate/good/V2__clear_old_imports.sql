DELETE FROM import_staging WHERE imported_at < '2024-01-01';
