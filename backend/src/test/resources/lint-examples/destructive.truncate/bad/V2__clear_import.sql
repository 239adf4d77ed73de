TRUNCATE TABLE import_staging;
