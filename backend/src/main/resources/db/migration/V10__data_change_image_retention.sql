-- Before-images are deleted after a retention period; a change remembers when, and can no longer be rolled back.
ALTER TABLE data_changes ADD COLUMN images_purged_at DATETIME(3) NULL;
CREATE INDEX ix_data_changes_finished ON data_changes (finished_at);
