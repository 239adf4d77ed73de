-- the code stopped using it; the table is dropped in a later, separately reviewed bundle
ALTER TABLE legacy_orders COMMENT = 'unused since 2024-05, drop after 2024-09';
