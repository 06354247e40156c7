-- Counting effective-mode matches (exact up to 10,000) reads the variants that meet the filters and
-- the active games of the requested types. Both as index-only scans: the variants' filterable
-- columns ride along in the players index, and active games' ids and types have a narrow index of
-- their own, instead of reading the wide games heap.
CREATE INDEX game_variants_filter_idx ON game_variants (max_players, min_players)
    INCLUDE (game_id, integration, weight, min_playtime_minutes, max_playtime_minutes, min_age);
DROP INDEX game_variants_players_idx;
CREATE INDEX games_active_type_idx ON games (id) INCLUDE (type) WHERE status = 'active';
