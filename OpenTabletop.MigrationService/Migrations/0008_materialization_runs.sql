-- One row per Materializer run, whether scheduled or requested through the admin API.
CREATE TABLE materialization_runs (
    id            uuid PRIMARY KEY,
    trigger       varchar(20) NOT NULL CHECK (trigger IN ('schedule', 'request', 'once', 'seed')),
    status        varchar(20) NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    requested_by  text,
    requested_at  timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    finished_at   timestamptz,
    -- [{step, started_at, duration_ms, rows}] in pipeline order.
    steps         jsonb NOT NULL DEFAULT '[]',
    error         text
);
CREATE INDEX materialization_runs_pending_idx ON materialization_runs (requested_at) WHERE status = 'queued';
