-- The declared spec of datastores whose kind takes one (DynamoDB: keys, indexes, billing mode, TTL), as JSON.
ALTER TABLE datastores ADD COLUMN spec TEXT NULL;
