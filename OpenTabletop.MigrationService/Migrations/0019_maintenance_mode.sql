-- Maintenance mode as an operator switches it through /v1/admin/maintenance: one row, read by every
-- replica (each re-reads it every few seconds), so a toggle reaches the whole deployment without a
-- restart. MAINTENANCE_MODE=read-only in the environment forces the mode regardless of this row.
CREATE TABLE maintenance_mode (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    mode text NOT NULL CHECK (mode IN ('off', 'read-only')),
    reason text CHECK (char_length(reason) <= 500),
    retry_after_seconds integer NOT NULL CHECK (retry_after_seconds BETWEEN 1 AND 86400),
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by text NOT NULL
);
