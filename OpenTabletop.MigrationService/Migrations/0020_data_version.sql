-- The version of the data the Api serves, for its response cache: every cached answer is keyed by
-- it, so bumping it retires them all at once on every replica. The Materializer bumps it in the
-- transaction of a run that changed anything, the seeders after a load; bump_data_version() also
-- NOTIFYs, delivered at commit, so replicas learn of it at once rather than at their next poll.
-- An operator who edits the catalogue by hand runs SELECT bump_data_version('who and why').
CREATE TABLE data_version (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version bigint NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by text NOT NULL
);

INSERT INTO data_version (version, changed_by) VALUES (1, 'migration 0020');

CREATE FUNCTION bump_data_version(who text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    bumped bigint;
BEGIN
    UPDATE data_version SET version = version + 1, changed_at = now(), changed_by = who RETURNING version INTO bumped;
    PERFORM pg_notify('opentabletop_data_version', bumped::text);
    RETURN bumped;
END
$$;
