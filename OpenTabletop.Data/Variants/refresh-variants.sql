-- Computes the variants of the games in $1 (every game when $1 is NULL) into variants_fresh, which
-- EffectiveVariants then reconciles with game_variants, touching only rows that differ. The same three-tier
-- resolution as GET /games/{id}/effective-properties (EffectiveResolution in the Api), set-based:
-- the canonical edition's delta first (clamped), then for each expansion set either its explicit
-- combination (tier 1, missing fields fall back to the base) or its summed deltas (tier 2, weight
-- rounded to 2 places, best_at unioned, clamped). The tests hold the two implementations together.
WITH scope AS (
    SELECT g.* FROM games g WHERE $1::uuid[] IS NULL OR g.id = ANY($1::uuid[])
),
edition_adjusted AS (
    SELECT s.id AS game_id, e.id AS edition_id, d.edition_id IS NOT NULL AS clamp,
           s.min_players + COALESCE(d.min_players_delta, 0) AS min_players,
           s.max_players + COALESCE(d.max_players_delta, 0) AS max_players,
           s.min_playtime_minutes + COALESCE(d.playtime_min_delta, 0) AS min_playtime,
           s.max_playtime_minutes + COALESCE(d.playtime_max_delta, 0) AS max_playtime,
           s.weight + COALESCE(d.weight_delta, 0) AS weight,
           ARRAY(SELECT DISTINCT c FROM unnest(COALESCE(s.top_player_counts, '{}') || COALESCE(d.best_at_delta, '{}')) AS c ORDER BY c) AS top_at,
           COALESCE(s.recommended_player_counts, '{}') AS recommended_at,
           s.min_age
    FROM scope s
    LEFT JOIN game_editions e ON e.game_id = s.id AND e.is_canonical
    LEFT JOIN edition_deltas d ON d.edition_id = e.id
),
base AS (
    -- Clamped only when a delta applied, as the endpoint does: published values are taken as they are.
    SELECT a.game_id, a.edition_id,
           CASE WHEN a.clamp AND a.min_players IS NOT NULL THEN GREATEST(1, a.min_players) ELSE a.min_players END AS min_players,
           CASE WHEN a.clamp AND a.max_players IS NOT NULL THEN GREATEST(a.max_players, 1, a.min_players) ELSE a.max_players END AS max_players,
           CASE WHEN a.clamp AND a.min_playtime IS NOT NULL THEN GREATEST(0, a.min_playtime) ELSE a.min_playtime END AS min_playtime,
           CASE WHEN a.clamp AND a.max_playtime IS NOT NULL THEN GREATEST(a.max_playtime, 0, a.min_playtime) ELSE a.max_playtime END AS max_playtime,
           CASE WHEN a.clamp AND a.weight IS NOT NULL THEN LEAST(5, GREATEST(1, a.weight)) ELSE a.weight END AS weight,
           a.top_at, a.recommended_at,
           CASE WHEN a.clamp AND a.min_age IS NOT NULL THEN GREATEST(0, a.min_age) ELSE a.min_age END AS min_age
    FROM edition_adjusted a
),
-- Add-ons with deltas on a game in scope: the candidates for delta-summed subsets.
members AS (
    SELECT m.base_game_id AS game_id, m.expansion_id AS x
    FROM property_modifications m JOIN scope s ON s.id = m.base_game_id
),
-- Explicit combinations, their ids sorted so that set equality is array equality whatever wrote the row.
combinations AS (
    SELECT c.*, ARRAY(SELECT m FROM unnest(c.expansion_ids) AS m ORDER BY m) AS ids
    FROM expansion_combinations c JOIN scope s ON s.id = c.base_game_id
),
-- Every subset of up to three add-ons with deltas, and every explicit combination.
sets AS (
    SELECT a.game_id, ARRAY[a.x] AS ids FROM members a
    UNION
    SELECT a.game_id, ARRAY[a.x, b.x] FROM members a JOIN members b ON b.game_id = a.game_id AND b.x > a.x
    UNION
    SELECT a.game_id, ARRAY[a.x, b.x, c.x] FROM members a
        JOIN members b ON b.game_id = a.game_id AND b.x > a.x
        JOIN members c ON c.game_id = a.game_id AND c.x > b.x
    UNION
    SELECT c.base_game_id, c.ids FROM combinations c
),
-- Each add-on that appears in a set, once: its slug and name, its delta (if any), and whether it
-- is an integration (linked to the game only by integrates_with: not its child, not linked by expands).
links AS (
    SELECT DISTINCT ON (st.game_id, u.x) st.game_id, u.x, ex.slug, ex.name,
           ex.parent_game_id IS DISTINCT FROM st.game_id
             AND NOT EXISTS (SELECT 1 FROM game_relationships r WHERE r.relationship_type = 'expands'
                 AND ((r.source_game_id = st.game_id AND r.target_game_id = u.x) OR (r.source_game_id = u.x AND r.target_game_id = st.game_id)))
             AND EXISTS (SELECT 1 FROM game_relationships r WHERE r.relationship_type = 'integrates_with'
                 AND ((r.source_game_id = st.game_id AND r.target_game_id = u.x) OR (r.source_game_id = u.x AND r.target_game_id = st.game_id)))
             AS integration
    FROM sets st CROSS JOIN unnest(st.ids) AS u(x) JOIN games ex ON ex.id = u.x
),
sums AS (
    SELECT st.game_id, st.ids,
           count(p.expansion_id) AS deltas,
           sum(p.min_players_delta) AS min_players, sum(p.max_players_delta) AS max_players,
           sum(p.playtime_min_delta) AS min_playtime, sum(p.playtime_max_delta) AS max_playtime,
           sum(p.weight_delta) AS weight, sum(p.min_age_delta) AS min_age,
           bool_or(l.integration) AS integration,
           jsonb_agg(jsonb_build_object('slug', l.slug, 'name', l.name) ORDER BY l.slug) AS expansions,
           string_agg(l.slug, ',' ORDER BY l.slug) AS slugs
    FROM sets st CROSS JOIN unnest(st.ids) AS u(x)
    JOIN links l ON l.game_id = st.game_id AND l.x = u.x
    LEFT JOIN property_modifications p ON p.base_game_id = st.game_id AND p.expansion_id = u.x
    GROUP BY st.game_id, st.ids
),
-- best_at counts the deltas add (few deltas have any).
best_at AS (
    SELECT st.game_id, st.ids, array_agg(v) AS counts
    FROM sets st CROSS JOIN unnest(st.ids) AS u(x)
    JOIN property_modifications p ON p.base_game_id = st.game_id AND p.expansion_id = u.x
    CROSS JOIN unnest(p.best_at_delta) AS v
    GROUP BY st.game_id, st.ids
),
resolved AS (
    SELECT t.game_id, t.ids, c.id AS combination_id, t.integration, b.edition_id, t.expansions, t.slugs,
           -- Tier 1: the combination's own values, the base where it has none.
           COALESCE(c.effective_min_players, b.min_players) AS c_min_players,
           COALESCE(c.effective_max_players, b.max_players) AS c_max_players,
           COALESCE(c.effective_playtime_min, b.min_playtime) AS c_min_playtime,
           COALESCE(c.effective_playtime_max, b.max_playtime) AS c_max_playtime,
           COALESCE(c.effective_weight, b.weight) AS c_weight,
           COALESCE(c.effective_best_at, b.top_at) AS c_top_at,
           COALESCE(c.effective_recommended_at, b.recommended_at) AS c_recommended_at,
           COALESCE(c.effective_min_age, b.min_age) AS c_min_age,
           -- Tier 2: the deltas summed onto the base, before clamping.
           b.min_players + t.min_players AS s_min_players,
           b.max_players + t.max_players AS s_max_players,
           b.min_playtime + t.min_playtime AS s_min_playtime,
           b.max_playtime + t.max_playtime AS s_max_playtime,
           round(b.weight + t.weight, 2) AS s_weight,
           ARRAY(SELECT DISTINCT v FROM unnest(b.top_at || COALESCE(ba.counts, '{}')) AS v ORDER BY v) AS s_top_at,
           b.recommended_at AS s_recommended_at,
           b.min_age + t.min_age AS s_min_age
    FROM sums t
    JOIN base b ON b.game_id = t.game_id
    LEFT JOIN combinations c ON c.base_game_id = t.game_id AND c.ids = t.ids
    LEFT JOIN best_at ba ON ba.game_id = t.game_id AND ba.ids = t.ids
    -- A set with neither a combination nor a delta resolves to the base alone, which variant 0 already is.
    WHERE c.id IS NOT NULL OR t.deltas > 0
),
variants AS (
    SELECT r.game_id, r.ids, r.combination_id, r.edition_id, r.integration, r.expansions,
           row_number() OVER (PARTITION BY r.game_id ORDER BY cardinality(r.ids), r.integration, (r.combination_id IS NULL), r.slugs) AS preference,
           CASE WHEN r.combination_id IS NOT NULL THEN 'expansion_combination' ELSE 'delta_sum' END AS variant_type,
           CASE WHEN r.combination_id IS NOT NULL THEN 1 ELSE 2 END AS tier,
           CASE WHEN r.combination_id IS NOT NULL THEN r.c_min_players
                WHEN r.s_min_players IS NOT NULL THEN GREATEST(1, r.s_min_players) END AS min_players,
           CASE WHEN r.combination_id IS NOT NULL THEN r.c_max_players
                WHEN r.s_max_players IS NOT NULL THEN GREATEST(r.s_max_players, 1, r.s_min_players) END AS max_players,
           CASE WHEN r.combination_id IS NOT NULL THEN r.c_min_playtime
                WHEN r.s_min_playtime IS NOT NULL THEN GREATEST(0, r.s_min_playtime) END AS min_playtime,
           CASE WHEN r.combination_id IS NOT NULL THEN r.c_max_playtime
                WHEN r.s_max_playtime IS NOT NULL THEN GREATEST(r.s_max_playtime, 0, r.s_min_playtime) END AS max_playtime,
           CASE WHEN r.combination_id IS NOT NULL THEN r.c_weight
                WHEN r.s_weight IS NOT NULL THEN LEAST(5, GREATEST(1, r.s_weight)) END AS weight,
           CASE WHEN r.combination_id IS NOT NULL THEN r.c_top_at ELSE r.s_top_at END AS top_at,
           CASE WHEN r.combination_id IS NOT NULL THEN r.c_recommended_at ELSE r.s_recommended_at END AS recommended_at,
           CASE WHEN r.combination_id IS NOT NULL THEN r.c_min_age
                WHEN r.s_min_age IS NOT NULL THEN GREATEST(0, r.s_min_age) END AS min_age
    FROM resolved r
)
INSERT INTO variants_fresh (game_id, preference, variant_type, resolution_tier, combination_id, edition_id, expansion_ids,
                           expansions, integration, min_players, max_players, min_playtime_minutes, max_playtime_minutes,
                           weight, top_at, recommended_at, min_age)
SELECT b.game_id, 0, 'base', 3, NULL, b.edition_id, '{}', '[]', false,
       b.min_players, b.max_players, b.min_playtime, b.max_playtime, b.weight, b.top_at, b.recommended_at, b.min_age
FROM base b
UNION ALL
SELECT v.game_id, v.preference, v.variant_type, v.tier, v.combination_id, v.edition_id, v.ids,
       v.expansions, v.integration, v.min_players, v.max_players, v.min_playtime, v.max_playtime,
       v.weight, v.top_at, v.recommended_at, v.min_age
FROM variants v;
