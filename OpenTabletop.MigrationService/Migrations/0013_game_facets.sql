-- game_facets: a narrow copy of every game column that lists filter or sort on, plus the game's
-- mechanics, themes and categories as arrays of small integer codes.
--
-- Why: a compound search used to join tens of thousands of junction rows per request, and every
-- candidate it checked was a visit to a games row of about a kilobyte (descriptions, search
-- document), so the rows a filter touched did not stay in memory. Here a row is some 150 bytes,
-- "any / all / none of these mechanics" are &&, @> and NOT && on one array answered by a GIN index,
-- and lists walk their sort indexes over narrow rows; only the page's own games are read from games.
--
-- games and the junction tables stay the source of truth: statement triggers (one statement per
-- write, however many rows) keep the facets in step, and write only rows that change. Integer codes,
-- not uuids: comparing uuids made the recheck of a few thousand candidates ten times slower.

ALTER TABLE mechanics ADD COLUMN code integer GENERATED ALWAYS AS IDENTITY UNIQUE;
ALTER TABLE themes ADD COLUMN code integer GENERATED ALWAYS AS IDENTITY UNIQUE;
ALTER TABLE categories ADD COLUMN code integer GENERATED ALWAYS AS IDENTITY UNIQUE;

CREATE TABLE game_facets (
    id                                 uuid PRIMARY KEY REFERENCES games (id) ON DELETE CASCADE,
    status                             varchar(10) NOT NULL,
    type                               varchar(30) NOT NULL,
    parent_game_id                     uuid,
    mode                               varchar(20),
    sort_name                          text,
    year_published                     integer,
    min_players                        integer,
    max_players                        integer,
    top_player_counts                  integer[],
    recommended_player_counts          integer[],
    min_playtime_minutes               integer,
    max_playtime_minutes               integer,
    community_playtime_min_minutes     integer,
    community_playtime_max_minutes     integer,
    community_playtime_median_minutes  integer,
    min_age                            integer,
    community_suggested_age            integer,
    weight                             numeric(4,3),
    weight_votes                       integer NOT NULL,
    average_rating                     numeric(5,3),
    bayes_rating                       numeric(5,3),
    rating_count                       integer NOT NULL,
    rating_confidence                  numeric(4,3),
    language_dependence                varchar(30),
    mechanic_codes                     integer[] NOT NULL DEFAULT '{}',
    theme_codes                        integer[] NOT NULL DEFAULT '{}',
    category_codes                     integer[] NOT NULL DEFAULT '{}'
);

-- The game's own columns. Listed once here; the triggers below and the backfill use the same list.
CREATE FUNCTION upsert_game_facets(game_ids uuid[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO game_facets AS f (id, status, type, parent_game_id, mode, sort_name, year_published, min_players, max_players,
        top_player_counts, recommended_player_counts, min_playtime_minutes, max_playtime_minutes,
        community_playtime_min_minutes, community_playtime_max_minutes, community_playtime_median_minutes,
        min_age, community_suggested_age, weight, weight_votes, average_rating, bayes_rating, rating_count,
        rating_confidence, language_dependence)
    SELECT g.id, g.status, g.type, g.parent_game_id, g.mode, g.sort_name, g.year_published, g.min_players, g.max_players,
        g.top_player_counts, g.recommended_player_counts, g.min_playtime_minutes, g.max_playtime_minutes,
        g.community_playtime_min_minutes, g.community_playtime_max_minutes, g.community_playtime_median_minutes,
        g.min_age, g.community_suggested_age, g.weight, g.weight_votes, g.average_rating, g.bayes_rating, g.rating_count,
        g.rating_confidence, g.language_dependence
      FROM unnest(game_ids) AS x(id) JOIN games g ON g.id = x.id
    ON CONFLICT (id) DO UPDATE SET
        status = EXCLUDED.status, type = EXCLUDED.type, parent_game_id = EXCLUDED.parent_game_id, mode = EXCLUDED.mode, sort_name = EXCLUDED.sort_name,
        year_published = EXCLUDED.year_published, min_players = EXCLUDED.min_players, max_players = EXCLUDED.max_players,
        top_player_counts = EXCLUDED.top_player_counts, recommended_player_counts = EXCLUDED.recommended_player_counts,
        min_playtime_minutes = EXCLUDED.min_playtime_minutes, max_playtime_minutes = EXCLUDED.max_playtime_minutes,
        community_playtime_min_minutes = EXCLUDED.community_playtime_min_minutes,
        community_playtime_max_minutes = EXCLUDED.community_playtime_max_minutes,
        community_playtime_median_minutes = EXCLUDED.community_playtime_median_minutes,
        min_age = EXCLUDED.min_age, community_suggested_age = EXCLUDED.community_suggested_age,
        weight = EXCLUDED.weight, weight_votes = EXCLUDED.weight_votes, average_rating = EXCLUDED.average_rating,
        bayes_rating = EXCLUDED.bayes_rating, rating_count = EXCLUDED.rating_count,
        rating_confidence = EXCLUDED.rating_confidence, language_dependence = EXCLUDED.language_dependence
    WHERE (f.status, f.type, f.parent_game_id, f.mode, f.sort_name, f.year_published, f.min_players, f.max_players,
           f.top_player_counts, f.recommended_player_counts, f.min_playtime_minutes, f.max_playtime_minutes,
           f.community_playtime_min_minutes, f.community_playtime_max_minutes, f.community_playtime_median_minutes,
           f.min_age, f.community_suggested_age, f.weight, f.weight_votes, f.average_rating, f.bayes_rating,
           f.rating_count, f.rating_confidence, f.language_dependence)
          IS DISTINCT FROM
          (EXCLUDED.status, EXCLUDED.type, EXCLUDED.parent_game_id, EXCLUDED.mode, EXCLUDED.sort_name, EXCLUDED.year_published,
           EXCLUDED.min_players, EXCLUDED.max_players, EXCLUDED.top_player_counts, EXCLUDED.recommended_player_counts,
           EXCLUDED.min_playtime_minutes, EXCLUDED.max_playtime_minutes, EXCLUDED.community_playtime_min_minutes,
           EXCLUDED.community_playtime_max_minutes, EXCLUDED.community_playtime_median_minutes, EXCLUDED.min_age,
           EXCLUDED.community_suggested_age, EXCLUDED.weight, EXCLUDED.weight_votes, EXCLUDED.average_rating,
           EXCLUDED.bayes_rating, EXCLUDED.rating_count, EXCLUDED.rating_confidence, EXCLUDED.language_dependence);
$$;

CREATE FUNCTION games_facets_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM upsert_game_facets(ARRAY(SELECT id FROM new_rows));
    RETURN NULL;
END $$;
CREATE TRIGGER games_facets_inserted AFTER INSERT ON games
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION games_facets_changed();
CREATE TRIGGER games_facets_updated AFTER UPDATE ON games
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION games_facets_changed();
-- Deleting a game deletes its facets through the foreign key.

-- Recomputes the term codes of the given games: all three kinds at once (a few extra lookups per
-- touched game instead of one copy of this statement per kind); writes only rows that change.
CREATE FUNCTION refresh_game_term_codes(game_ids uuid[]) RETURNS void LANGUAGE sql AS $$
    UPDATE game_facets f SET mechanic_codes = c.mechanic_codes, theme_codes = c.theme_codes, category_codes = c.category_codes
      FROM (SELECT x.id,
                   coalesce((SELECT array_agg(t.code ORDER BY t.code) FROM game_mechanics j
                              JOIN mechanics t ON t.id = j.mechanic_id WHERE j.game_id = x.id), '{}') AS mechanic_codes,
                   coalesce((SELECT array_agg(t.code ORDER BY t.code) FROM game_themes j
                              JOIN themes t ON t.id = j.theme_id WHERE j.game_id = x.id), '{}') AS theme_codes,
                   coalesce((SELECT array_agg(t.code ORDER BY t.code) FROM game_categories j
                              JOIN categories t ON t.id = j.category_id WHERE j.game_id = x.id), '{}') AS category_codes
              FROM unnest(game_ids) AS x(id)) c
     WHERE f.id = c.id
       AND (f.mechanic_codes, f.theme_codes, f.category_codes) IS DISTINCT FROM (c.mechanic_codes, c.theme_codes, c.category_codes);
$$;

-- One trigger function for the three junction tables and their three operations.
CREATE FUNCTION game_terms_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM refresh_game_term_codes(ARRAY(SELECT DISTINCT game_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM refresh_game_term_codes(ARRAY(SELECT DISTINCT game_id FROM old_rows));
    ELSE
        PERFORM refresh_game_term_codes(ARRAY(SELECT game_id FROM new_rows UNION SELECT game_id FROM old_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER game_mechanics_inserted AFTER INSERT ON game_mechanics
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION game_terms_changed();
CREATE TRIGGER game_mechanics_updated AFTER UPDATE ON game_mechanics
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION game_terms_changed();
CREATE TRIGGER game_mechanics_deleted AFTER DELETE ON game_mechanics
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION game_terms_changed();

CREATE TRIGGER game_themes_inserted AFTER INSERT ON game_themes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION game_terms_changed();
CREATE TRIGGER game_themes_updated AFTER UPDATE ON game_themes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION game_terms_changed();
CREATE TRIGGER game_themes_deleted AFTER DELETE ON game_themes
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION game_terms_changed();

CREATE TRIGGER game_categories_inserted AFTER INSERT ON game_categories
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION game_terms_changed();
CREATE TRIGGER game_categories_updated AFTER UPDATE ON game_categories
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION game_terms_changed();
CREATE TRIGGER game_categories_deleted AFTER DELETE ON game_categories
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION game_terms_changed();

-- Every game's facets from scratch, each row written once: the backfill below, and bulk loads (the
-- synthetic seeder), whose statement-by-statement trigger updates would leave a version per step.
CREATE FUNCTION rebuild_game_facets() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE game_facets;
    INSERT INTO game_facets (id, status, type, parent_game_id, mode, sort_name, year_published, min_players, max_players,
        top_player_counts, recommended_player_counts, min_playtime_minutes, max_playtime_minutes,
        community_playtime_min_minutes, community_playtime_max_minutes, community_playtime_median_minutes,
        min_age, community_suggested_age, weight, weight_votes, average_rating, bayes_rating, rating_count,
        rating_confidence, language_dependence, mechanic_codes, theme_codes, category_codes)
    SELECT g.id, g.status, g.type, g.parent_game_id, g.mode, g.sort_name, g.year_published, g.min_players, g.max_players,
        g.top_player_counts, g.recommended_player_counts, g.min_playtime_minutes, g.max_playtime_minutes,
        g.community_playtime_min_minutes, g.community_playtime_max_minutes, g.community_playtime_median_minutes,
        g.min_age, g.community_suggested_age, g.weight, g.weight_votes, g.average_rating, g.bayes_rating, g.rating_count,
        g.rating_confidence, g.language_dependence,
        coalesce(m.codes, '{}'), coalesce(th.codes, '{}'), coalesce(c.codes, '{}')
      FROM games g
      -- Set-based (one aggregate per junction table), not a lookup per game: a bulk load calls this
      -- before its tables have statistics.
      LEFT JOIN (SELECT j.game_id, array_agg(t.code ORDER BY t.code) AS codes FROM game_mechanics j
                   JOIN mechanics t ON t.id = j.mechanic_id GROUP BY j.game_id) m ON m.game_id = g.id
      LEFT JOIN (SELECT j.game_id, array_agg(t.code ORDER BY t.code) AS codes FROM game_themes j
                   JOIN themes t ON t.id = j.theme_id GROUP BY j.game_id) th ON th.game_id = g.id
      LEFT JOIN (SELECT j.game_id, array_agg(t.code ORDER BY t.code) AS codes FROM game_categories j
                   JOIN categories t ON t.id = j.category_id GROUP BY j.game_id) c ON c.game_id = g.id;
END $$;

SELECT rebuild_game_facets();

-- Terms (any / all / none) and player counts.
CREATE INDEX game_facets_mechanic_codes_idx ON game_facets USING gin (mechanic_codes);
CREATE INDEX game_facets_theme_codes_idx ON game_facets USING gin (theme_codes);
CREATE INDEX game_facets_category_codes_idx ON game_facets USING gin (category_codes);
CREATE INDEX game_facets_top_counts_idx ON game_facets USING gin (top_player_counts);
CREATE INDEX game_facets_recommended_counts_idx ON game_facets USING gin (recommended_player_counts);
-- Range filters; the weight index covers the usual companions so that a count of them reads no rows.
CREATE INDEX game_facets_filter_weight_idx ON game_facets (weight)
    INCLUDE (min_players, max_players, min_playtime_minutes, max_playtime_minutes, year_published, type)
    WHERE status = 'active';
CREATE INDEX game_facets_players_idx ON game_facets (min_players, max_players);
-- A base game's expansions (GET /games/{id}/expansions).
CREATE INDEX game_facets_parent_idx ON game_facets (parent_game_id, type);
-- Effective-mode counts join the variants to the active games of the wanted types without reading rows.
CREATE INDEX game_facets_active_type_idx ON game_facets (id) INCLUDE (type) WHERE status = 'active';
-- Every sort key in both directions (keyset steps are index ranges; see KeysetPredicate). The default
-- sorts (name for GET, rating for POST search) carry the usual filter columns and every sort column
-- (a page selects them all), so that a page walks its index without visiting the rows it skips.
CREATE INDEX game_facets_name_idx ON game_facets (sort_name, id)
    INCLUDE (status, type, min_players, max_players, min_playtime_minutes, max_playtime_minutes, weight, year_published,
             sort_name, community_playtime_median_minutes, mechanic_codes, theme_codes);
CREATE INDEX game_facets_rating_desc_idx ON game_facets (bayes_rating DESC NULLS LAST, rating_count DESC, id DESC)
    INCLUDE (status, type, min_players, max_players, min_playtime_minutes, max_playtime_minutes, weight, year_published,
             sort_name, community_playtime_median_minutes, mechanic_codes, theme_codes);
CREATE INDEX game_facets_rating_asc_idx ON game_facets (bayes_rating, rating_count, id)
    INCLUDE (status, type, min_players, max_players, min_playtime_minutes, max_playtime_minutes, weight, year_published,
             sort_name, community_playtime_median_minutes, mechanic_codes, theme_codes);
CREATE INDEX game_facets_weight_idx ON game_facets (weight, id);
CREATE INDEX game_facets_weight_desc_idx ON game_facets (weight DESC NULLS LAST, id DESC);
CREATE INDEX game_facets_year_idx ON game_facets (year_published, id);
CREATE INDEX game_facets_year_desc_idx ON game_facets (year_published DESC NULLS LAST, id DESC);
CREATE INDEX game_facets_median_idx ON game_facets (community_playtime_median_minutes, id);
CREATE INDEX game_facets_median_desc_idx ON game_facets (community_playtime_median_minutes DESC NULLS LAST, id DESC);

ANALYZE game_facets;
