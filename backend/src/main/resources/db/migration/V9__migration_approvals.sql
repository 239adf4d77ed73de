-- A bundle whose only blocking findings are destructive waits for approval instead of failing.
ALTER TABLE migrations ADD COLUMN approval_id BIGINT NULL;
ALTER TABLE migrations ADD COLUMN approved_at DATETIME(3) NULL;
