-- The Materializer's own state (statistics pipeline): what each game's aggregates were computed
-- from, the global statistics of the last run, the published rating_confidence formula, and a
-- 'skipped' status for a run that found another run in progress.

ALTER TABLE materialization_runs DROP CONSTRAINT materialization_runs_status_check;
ALTER TABLE materialization_runs ADD CONSTRAINT materialization_runs_status_check
    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'skipped'));

-- The raw sources a game's aggregates came from at the last run. Why: a game with no raw rows of a
-- kind is either one whose rows vanished (its aggregates must be reset) or one that never had any
-- (imported aggregates, as the spec's sample games carry, which must be kept). Only this table tells
-- the two apart. A row exists while at least one source is in use.
CREATE TABLE game_aggregate_sources (
    game_id      uuid PRIMARY KEY REFERENCES games (id) ON DELETE CASCADE,
    ratings      boolean NOT NULL DEFAULT false,
    weights      boolean NOT NULL DEFAULT false,
    plays        boolean NOT NULL DEFAULT false,
    collections  boolean NOT NULL DEFAULT false,
    CHECK (ratings OR weights OR plays OR collections)
);

-- The population statistics the last run used (one row), published so that bayes_rating and
-- rating_confidence can be recomputed from the games' own fields.
CREATE TABLE materialization_globals (
    singleton         boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    -- Mean of the active base games' average_rating (each game once).
    global_mean       numeric(5,3),
    rated_base_games  integer NOT NULL DEFAULT 0 CHECK (rated_base_games >= 0),
    -- Dirichlet prior: pseudo-votes for the buckets 1..10.
    prior_votes       numeric(12,6)[] NOT NULL CHECK (cardinality(prior_votes) = 10),
    -- When these values last changed (a run that changes nothing leaves the row alone).
    changed_at        timestamptz NOT NULL DEFAULT now()
);

-- rating_confidence (0-1): how far to trust a game's average_rating, from its rating_count (n), its
-- average_rating (mean), its rating_stddev (sd, the population deviation of its votes on the 1-10
-- scale) and the catalogue's global mean. Deterministic (float8 arithmetic: products, quotients and
-- one square root, all exactly rounded by IEEE 754), rounded to 3 places. README "Statistics
-- pipeline" explains the three factors and the calibration:
--   size     = n / (n + 25)                       Wilson lower bound of a unanimous sample, z = 5
--   shape    = sqrt(1 - min(sd, 4.5) / 4.5)       4.5 = the largest possible sd on 1-10
--   distance = n / (n + 25 * (d / 4.5)^2)         d = |mean - global_mean|: far means need more votes
-- NULL without votes, or when the spread of several votes is unknown (imported aggregates).
CREATE FUNCTION rating_confidence(n integer, mean numeric, sd numeric, global_mean numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN n IS NULL OR n < 1 OR mean IS NULL OR (sd IS NULL AND n > 1) THEN NULL
        ELSE round((
            (n::float8 / (n + 25))
            * sqrt(1 - least(coalesce(sd, 0), 4.5)::float8 / 4.5)
            * (n::float8 / (n + 25 * ((mean - coalesce(global_mean, mean))::float8 / 4.5) * ((mean - coalesce(global_mean, mean))::float8 / 4.5)))
        )::numeric, 3)
    END
$$;
