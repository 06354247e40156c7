-- Indexes (and one search table) for the benchmark's query mix on the 100,000-game catalogue.

-- Keyset pages order by the sort key and then id, all in one direction, nulls last walking forwards
-- (KeysetPredicate). An index serves a page only when its order is exactly that or its reverse, so
-- every sort needs one index per direction: ascending with nulls last is the default order, and
-- descending with nulls last needs its own. games_bayes_idx had id ascending under descending
-- ratings, so every rating page sorted its ties again and could not start at the cursor.
DROP INDEX games_bayes_idx;
CREATE INDEX games_rating_desc_idx ON games (bayes_rating DESC NULLS LAST, rating_count DESC, id DESC);
CREATE INDEX games_rating_asc_idx ON games (bayes_rating, rating_count, id);
CREATE INDEX games_weight_desc_idx ON games (weight DESC NULLS LAST, id DESC);
CREATE INDEX games_year_desc_idx ON games (year_published DESC NULLS LAST, id DESC);
CREATE INDEX games_community_median_desc_idx ON games (community_playtime_median_minutes DESC NULLS LAST, id DESC);

-- GET /search always includes a game whose name equals q, whatever else it bounds.
CREATE INDEX games_lower_name_idx ON games (lower(name));
CREATE INDEX alternate_names_lower_name_idx ON alternate_names (lower(name));

-- GET /search reads the games whose names begin with every word of q from this narrow copy of the
-- name document: a common word matches thousands of games, and the first hundred come from a few
-- pages here instead of one page of the wide games table each. Only active games are searched,
-- so only they have a row. Kept by the triggers below; nothing writes it otherwise.
CREATE TABLE game_search_names (
    game_id  uuid PRIMARY KEY REFERENCES games (id) ON DELETE CASCADE,
    names    tsvector NOT NULL
);
CREATE INDEX game_search_names_idx ON game_search_names USING gin (names);

-- One INSERT per statement: the synthetic seed COPYs 100,000 games in one.
CREATE FUNCTION game_search_names_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO game_search_names (game_id, names)
    SELECT id, to_tsvector('simple', name || ' ' || search_alternate_names) FROM new_games WHERE status = 'active';
    RETURN NULL;
END $$;
CREATE TRIGGER game_search_names_inserted AFTER INSERT ON games
    REFERENCING NEW TABLE AS new_games FOR EACH STATEMENT EXECUTE FUNCTION game_search_names_inserted();

-- Per row and only for the columns that shape the row: the materializer's updates of every game's
-- aggregates never fire it.
CREATE FUNCTION game_search_names_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'active' THEN
        INSERT INTO game_search_names (game_id, names)
        VALUES (NEW.id, to_tsvector('simple', NEW.name || ' ' || NEW.search_alternate_names))
        ON CONFLICT (game_id) DO UPDATE SET names = EXCLUDED.names;
    ELSE
        DELETE FROM game_search_names WHERE game_id = NEW.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER game_search_names_updated AFTER UPDATE OF name, search_alternate_names, status ON games
    FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.search_alternate_names IS DISTINCT FROM NEW.search_alternate_names
          OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION game_search_names_updated();

INSERT INTO game_search_names (game_id, names)
SELECT id, to_tsvector('simple', name || ' ' || search_alternate_names) FROM games WHERE status = 'active';

-- The first n games, in table order, whose names match: the bound on GET /search's candidates. Only a
-- bitmap scan of the GIN index is allowed: it stops after n rows whatever the word (a thousand matches
-- or twenty thousand), and it returns rows in table order, so the same query over the same data always
-- gets the same games, which keyset paging needs. An ORDER BY would have to read every match of a
-- common word; a plain index walk in key order reads ten thousand rows to find a hundred matches of
-- a word in one game of a hundred; a sequential scan may start anywhere in a large table
-- (synchronize_seqscans).
CREATE FUNCTION game_search_candidates(words tsquery, n integer) RETURNS SETOF uuid
    LANGUAGE sql STABLE
    SET enable_seqscan = off SET enable_indexscan = off
    AS $$ SELECT game_id FROM game_search_names WHERE names @@ words LIMIT n $$;

-- The same bound on GET /search's text candidates (active games whose description document matches).
CREATE FUNCTION game_search_text_candidates(words tsquery, n integer) RETURNS SETOF uuid
    LANGUAGE sql STABLE
    SET enable_seqscan = off SET enable_indexscan = off
    AS $$ SELECT id FROM games WHERE search_vector @@ words AND status = 'active' LIMIT n $$;

-- Superseded by game_search_names.
DROP INDEX games_names_search_idx;

-- The prefix arm of people and publishers (every word of q begins a word of the name) scanned the
-- whole table, computing the document of each row.
CREATE INDEX people_name_words_idx ON people USING gin (to_tsvector('simple', name));
CREATE INDEX publishers_name_words_idx ON publishers USING gin (to_tsvector('simple', name));

-- Game lists count their matches (up to 10,001) on every page. Every list filters on status and
-- most on weight with players, playtime, year or type: with those columns in the index the count is an
-- index-only scan of the weight range instead of a read of each matching game's wide row (or of the
-- whole table).
CREATE INDEX games_filter_weight_idx ON games (weight)
    INCLUDE (min_players, max_players, min_playtime_minutes, max_playtime_minutes, year_published, type)
    WHERE status = 'active';

-- game_count of the vocabularies, designers and publishers counts a term's active games: joined to
-- games_active_type_idx (0011, the ids of active games) the status check needs no read of the
-- game's row (/v1/mechanics went from seconds to half a second on 100,000 games).
