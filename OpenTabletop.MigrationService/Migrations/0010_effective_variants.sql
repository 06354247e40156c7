-- Effective variants (SPEC-DECISIONS "Effective mode"): every way a game can be played with its own
-- add-ons, resolved ahead of time by the seeder and the Materializer (OpenTabletop.Data
-- EffectiveVariants), so that effective-mode filtering is an indexed join instead of per-request
-- resolution. Rows are derived data: a refresh replaces a game's rows wholesale.
CREATE TABLE game_variants (
    game_id               uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    -- 0 is the base game alone; then fewer expansions first, expands before integrates_with,
    -- explicit combinations before delta sums: a search reports the first variant that matches.
    preference            integer NOT NULL CHECK (preference >= 0),
    variant_type          varchar(25) NOT NULL CHECK (variant_type IN ('base', 'expansion_combination', 'delta_sum')),
    resolution_tier       smallint NOT NULL CHECK (resolution_tier BETWEEN 1 AND 3),
    combination_id        uuid REFERENCES expansion_combinations (id) ON DELETE CASCADE,
    -- The edition whose delta was applied first (the canonical one), if the game has one.
    edition_id            uuid REFERENCES game_editions (id) ON DELETE CASCADE,
    expansion_ids         uuid[] NOT NULL DEFAULT '{}',
    -- [{slug, name}] of those expansions, so that a page of results needs no further lookup.
    expansions            jsonb NOT NULL DEFAULT '[]',
    integration           boolean NOT NULL DEFAULT false,
    min_players           integer,
    max_players           integer,
    min_playtime_minutes  integer,
    max_playtime_minutes  integer,
    weight                numeric(4,3),
    top_at                integer[] NOT NULL DEFAULT '{}',
    recommended_at        integer[] NOT NULL DEFAULT '{}',
    min_age               integer,
    PRIMARY KEY (game_id, preference),
    CHECK ((variant_type = 'base') = (cardinality(expansion_ids) = 0)),
    CHECK ((variant_type = 'expansion_combination') = (combination_id IS NOT NULL)),
    CHECK ((preference = 0) = (variant_type = 'base'))
);

-- Selective effective filters (many players, a narrow weight band) can start from the variants.
CREATE INDEX game_variants_players_idx ON game_variants (max_players, min_players);
CREATE INDEX game_variants_weight_idx ON game_variants (weight);
