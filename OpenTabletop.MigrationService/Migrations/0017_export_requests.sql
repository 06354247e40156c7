-- export_requests: the exports each caller started, for the export quota (SPEC-DECISIONS "Auth &
-- limits": 10 exports per hour per key).
--
-- Why a table: the quota must hold across every replica of the Api, and a reservation must be
-- atomic (two concurrent exports of one caller must not both take the last slot). The Api takes a
-- transaction-scoped advisory lock on the caller's key, counts the caller's rows within the window
-- and inserts one only when under the limit (ExportQuota.cs); a rejected export deletes its row
-- again. Rows past the window are deleted by later reservations, so the table stays small.

CREATE TABLE export_requests (
    id          uuid PRIMARY KEY,
    -- ApiClient.LimitKey: key:<uuid> for a key holder, ip:<address> for an anonymous caller.
    limit_key   text NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX export_requests_key_time_idx ON export_requests (limit_key, started_at);
CREATE INDEX export_requests_time_idx ON export_requests (started_at);
