-- game_facets_generation: one counter that moves whenever the facets, the variants or the
-- taxonomy terms (whose slugs a filter names and whose codes the facets hold) change.
--
-- Why: the Api keeps a copy of the active games' facets and variants in memory, where a filter,
-- its exact total and the page's ids take well under a millisecond instead of a count over
-- thousands of rows per request. Each page it serves that way reads this counter after fetching
-- the page's rows; a different value than the copy was loaded at means the copy is stale, and the
-- request is answered by SQL while the copy reloads. The counter is a row, not a sequence, so that
-- it moves only when the change commits.
--
-- Statements that change nothing (the facet triggers' upserts skip unchanged rows) do not move it:
-- an update of columns the facets do not hold leaves the Api's copy valid.

CREATE TABLE game_facets_generation (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    generation  bigint NOT NULL DEFAULT 1,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO game_facets_generation DEFAULT VALUES;

CREATE FUNCTION game_facets_generation_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'TRUNCATE' THEN
        IF NOT EXISTS (SELECT 1 FROM changed_rows) THEN
            RETURN NULL;
        END IF;
    END IF;
    UPDATE game_facets_generation SET generation = generation + 1, changed_at = now();
    RETURN NULL;
END $$;

-- Three statement triggers (insert, update, delete) on each table, and one for TRUNCATE where a bulk
-- load uses it (rebuild_game_facets()).
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['game_facets', 'game_variants', 'mechanics', 'themes', 'categories'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION game_facets_generation_moved()', t || '_generation_inserted', t);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION game_facets_generation_moved()', t || '_generation_updated', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION game_facets_generation_moved()', t || '_generation_deleted', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['game_facets', 'game_variants'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION game_facets_generation_moved()', t || '_generation_truncated', t);
    END LOOP;
END $$;
