-- Computes the variants of the games in $1 (every game when $1 is NULL) into variants_fresh, which
-- EffectiveVariants then reconciles with game_variants, touching only rows that differ. The same three-tier
-- resolution as GET /games/{id}/effective-properties (EffectiveResolution in the Api), set-based:
-- the canonical edition's delta first (clamped), then for each expansion set either its explicit
-- combination (tier 1, missing fields fall back to the base) or its summed deltas (tier 2, weight
-- rounded to 2 places, best_at unioned, clamped). The tests hold the two implementations together.
WITH scope AS (
    SELECT g.id, g.min_players, g.max_players, g.min_playtime_minutes, g.max_playtime_minutes, g.weight,
           g.top_player_counts, g.recommended_player_counts, g.min_age
    FROM games g WHERE $1::uuid[] IS NULL OR g.id = ANY($1::uuid[])
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
-- Each add-on with deltas on a game in scope, with what its variants need: its deltas, its
-- {slug, name}, and whether it is an integration (linked to the game only by integrates_with:
-- not its child, not linked by expands).
members AS (
    SELECT m.base_game_id AS game_id, m.expansion_id AS x, ex.slug::text AS slug,
           jsonb_build_object('slug', ex.slug, 'name', ex.name) AS expansion,
           ex.parent_game_id IS DISTINCT FROM m.base_game_id
             AND NOT EXISTS (SELECT 1 FROM game_relationships r WHERE r.relationship_type = 'expands'
                 AND ((r.source_game_id = m.base_game_id AND r.target_game_id = ex.id) OR (r.source_game_id = ex.id AND r.target_game_id = m.base_game_id)))
             AND EXISTS (SELECT 1 FROM game_relationships r WHERE r.relationship_type = 'integrates_with'
                 AND ((r.source_game_id = m.base_game_id AND r.target_game_id = ex.id) OR (r.source_game_id = ex.id AND r.target_game_id = m.base_game_id))) AS integration,
           m.min_players_delta AS d_min_players, m.max_players_delta AS d_max_players,
           m.playtime_min_delta AS d_min_playtime, m.playtime_max_delta AS d_max_playtime,
           m.weight_delta AS d_weight, m.min_age_delta AS d_min_age, m.best_at_delta AS d_best_at
    FROM property_modifications m
    JOIN scope s ON s.id = m.base_game_id
    JOIN games ex ON ex.id = m.expansion_id
),
-- Tier 1: the explicit combinations (their members need not have deltas). Every set of expansions
-- here lists them in slug order, so that set equality is array equality and the names read in order.
combination_sets AS (
    SELECT c.id, c.base_game_id AS game_id, array_agg(ex.id ORDER BY ex.slug) AS ids,
           bool_or(ex.parent_game_id IS DISTINCT FROM c.base_game_id
             AND NOT EXISTS (SELECT 1 FROM game_relationships r WHERE r.relationship_type = 'expands'
                 AND ((r.source_game_id = c.base_game_id AND r.target_game_id = ex.id) OR (r.source_game_id = ex.id AND r.target_game_id = c.base_game_id)))
             AND EXISTS (SELECT 1 FROM game_relationships r WHERE r.relationship_type = 'integrates_with'
                 AND ((r.source_game_id = c.base_game_id AND r.target_game_id = ex.id) OR (r.source_game_id = ex.id AND r.target_game_id = c.base_game_id)))) AS integration,
           jsonb_agg(jsonb_build_object('slug', ex.slug, 'name', ex.name) ORDER BY ex.slug) AS expansions,
           string_agg(ex.slug, ',' ORDER BY ex.slug) AS slugs
    FROM expansion_combinations c JOIN scope s ON s.id = c.base_game_id
    CROSS JOIN unnest(c.expansion_ids) AS u(x) JOIN games ex ON ex.id = u.x
    GROUP BY c.id, c.base_game_id
),
-- Tier 2: every set of one, two or three add-ons with deltas, the deltas summed as the set is formed.
delta_sets AS (
    SELECT a.game_id, ARRAY[a.x] AS ids, a.integration, jsonb_build_array(a.expansion) AS expansions, a.slug AS slugs,
           a.d_min_players, a.d_max_players, a.d_min_playtime, a.d_max_playtime, a.d_weight, a.d_min_age, a.d_best_at
    FROM members a
    UNION ALL
    SELECT a.game_id, ARRAY[a.x, b.x], a.integration OR b.integration, jsonb_build_array(a.expansion, b.expansion), a.slug || ',' || b.slug,
           a.d_min_players + b.d_min_players, a.d_max_players + b.d_max_players,
           a.d_min_playtime + b.d_min_playtime, a.d_max_playtime + b.d_max_playtime,
           a.d_weight + b.d_weight, a.d_min_age + b.d_min_age, a.d_best_at || b.d_best_at
    FROM members a JOIN members b ON b.game_id = a.game_id AND b.slug > a.slug
    UNION ALL
    SELECT a.game_id, ARRAY[a.x, b.x, c.x], a.integration OR b.integration OR c.integration,
           jsonb_build_array(a.expansion, b.expansion, c.expansion), a.slug || ',' || b.slug || ',' || c.slug,
           a.d_min_players + b.d_min_players + c.d_min_players, a.d_max_players + b.d_max_players + c.d_max_players,
           a.d_min_playtime + b.d_min_playtime + c.d_min_playtime, a.d_max_playtime + b.d_max_playtime + c.d_max_playtime,
           a.d_weight + b.d_weight + c.d_weight, a.d_min_age + b.d_min_age + c.d_min_age, a.d_best_at || b.d_best_at || c.d_best_at
    FROM members a
    JOIN members b ON b.game_id = a.game_id AND b.slug > a.slug
    JOIN members c ON c.game_id = a.game_id AND c.slug > b.slug
),
resolved AS (
    -- Tier 1 rows: the combination's own values, the base where it has none.
    SELECT cs.game_id, cs.ids, cs.id AS combination_id, cs.integration, b.edition_id, cs.expansions, cs.slugs,
           COALESCE(c.effective_min_players, b.min_players) AS min_players,
           COALESCE(c.effective_max_players, b.max_players) AS max_players,
           COALESCE(c.effective_playtime_min, b.min_playtime) AS min_playtime,
           COALESCE(c.effective_playtime_max, b.max_playtime) AS max_playtime,
           COALESCE(c.effective_weight, b.weight) AS weight,
           COALESCE(c.effective_best_at, b.top_at) AS top_at,
           COALESCE(c.effective_recommended_at, b.recommended_at) AS recommended_at,
           COALESCE(c.effective_min_age, b.min_age) AS min_age
    FROM combination_sets cs
    JOIN expansion_combinations c ON c.id = cs.id
    JOIN base b ON b.game_id = cs.game_id
    UNION ALL
    -- Tier 2 rows, for the sets no combination covers: the sums onto the base, clamped.
    SELECT d.game_id, d.ids, NULL, d.integration, b.edition_id, d.expansions, d.slugs,
           CASE WHEN b.min_players IS NOT NULL THEN GREATEST(1, b.min_players + d.d_min_players) END,
           CASE WHEN b.max_players IS NOT NULL THEN GREATEST(b.max_players + d.d_max_players, 1, b.min_players + d.d_min_players) END,
           CASE WHEN b.min_playtime IS NOT NULL THEN GREATEST(0, b.min_playtime + d.d_min_playtime) END,
           CASE WHEN b.max_playtime IS NOT NULL THEN GREATEST(b.max_playtime + d.d_max_playtime, 0, b.min_playtime + d.d_min_playtime) END,
           CASE WHEN b.weight IS NOT NULL THEN LEAST(5, GREATEST(1, round(b.weight + d.d_weight, 2))) END,
           ARRAY(SELECT DISTINCT v FROM unnest(b.top_at || d.d_best_at) AS v ORDER BY v),
           b.recommended_at,
           CASE WHEN b.min_age IS NOT NULL THEN GREATEST(0, b.min_age + d.d_min_age) END
    FROM delta_sets d
    JOIN base b ON b.game_id = d.game_id
    WHERE NOT EXISTS (SELECT 1 FROM combination_sets c WHERE c.game_id = d.game_id AND c.ids = d.ids)
),
variants AS (
    SELECT r.*,
           row_number() OVER (PARTITION BY r.game_id ORDER BY cardinality(r.ids), r.integration, (r.combination_id IS NULL), r.slugs) AS preference
    FROM resolved r
)
INSERT INTO variants_fresh (game_id, preference, variant_type, resolution_tier, combination_id, edition_id, expansion_ids,
                           expansions, integration, min_players, max_players, min_playtime_minutes, max_playtime_minutes,
                           weight, top_at, recommended_at, min_age)
SELECT b.game_id, 0, 'base', 3, NULL, b.edition_id, '{}', '[]', false,
       b.min_players, b.max_players, b.min_playtime, b.max_playtime, b.weight, b.top_at, b.recommended_at, b.min_age
FROM base b
UNION ALL
SELECT v.game_id, v.preference,
       CASE WHEN v.combination_id IS NOT NULL THEN 'expansion_combination' ELSE 'delta_sum' END,
       CASE WHEN v.combination_id IS NOT NULL THEN 1 ELSE 2 END,
       v.combination_id, v.edition_id, v.ids,
       v.expansions, v.integration, v.min_players, v.max_players, v.min_playtime, v.max_playtime,
       v.weight, v.top_at, v.recommended_at, v.min_age
FROM variants v;
