-- the service's scheduled job deletes expired sessions through this index
CREATE INDEX idx_sessions_expires_at ON sessions (expires_at);
