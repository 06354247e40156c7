-- GET /search's text candidates (active games whose search document matches q's English words) are
-- found on game_search_names, next to the names, instead of on games.
--
-- Why: the Api's in-memory game index mirrors game_search_names in its physical order, and the
-- text arm takes the first 200 matches in table order (game_search_text_candidates). On games, that
-- order moves with every update of a game's row (the Materializer rewrites every game's
-- aggregates), so only the database could find them, and doing so was two thirds of a search's
-- database time at 100,000 games. Here the order moves only when a search document does, and every
-- such write moves game_facets_generation (migration 0015), so the Api finds the same 200 in memory
-- and knows when its copy is stale.

ALTER TABLE game_search_names ADD COLUMN document tsvector;
UPDATE game_search_names s SET document = g.search_vector FROM games g WHERE g.id = s.game_id;
ALTER TABLE game_search_names ALTER COLUMN document SET NOT NULL;
CREATE INDEX game_search_documents_idx ON game_search_names USING gin (document);

-- Its one reader was the text arm.
DROP INDEX games_search_idx;

CREATE OR REPLACE FUNCTION game_search_text_candidates(words tsquery, n integer) RETURNS SETOF uuid
    LANGUAGE sql STABLE
    SET enable_seqscan = off SET enable_indexscan = off
    AS $$ SELECT game_id FROM game_search_names WHERE document @@ words LIMIT n $$;

CREATE OR REPLACE FUNCTION game_search_names_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO game_search_names (game_id, names, document)
    SELECT id, to_tsvector('simple', name || ' ' || search_alternate_names), search_vector FROM new_games WHERE status = 'active';
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION game_search_names_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'active' THEN
        INSERT INTO game_search_names (game_id, names, document)
        VALUES (NEW.id, to_tsvector('simple', NEW.name || ' ' || NEW.search_alternate_names), NEW.search_vector)
        ON CONFLICT (game_id) DO UPDATE SET names = EXCLUDED.names, document = EXCLUDED.document;
    ELSE
        DELETE FROM game_search_names WHERE game_id = NEW.id;
    END IF;
    RETURN NULL;
END $$;

-- The descriptions shape the document too; still never fired by the Materializer's aggregate updates.
DROP TRIGGER game_search_names_updated ON games;
CREATE TRIGGER game_search_names_updated
    AFTER UPDATE OF name, search_alternate_names, status, description, description_short ON games
    FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.search_alternate_names IS DISTINCT FROM NEW.search_alternate_names
          OR OLD.status IS DISTINCT FROM NEW.status OR OLD.search_vector IS DISTINCT FROM NEW.search_vector)
    EXECUTE FUNCTION game_search_names_updated();
