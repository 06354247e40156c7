-- Tier 1 of effective-property resolution: curated properties for an exact set of expansions.
-- expansion_ids is stored sorted so that set equality is array equality and can be unique.
CREATE TABLE expansion_combinations (
    id                        uuid PRIMARY KEY,
    base_game_id              uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    expansion_ids             uuid[] NOT NULL CHECK (cardinality(expansion_ids) >= 1),
    source                    varchar(20) NOT NULL CHECK (source IN ('community_poll', 'publisher', 'computed')),
    effective_min_players     integer CHECK (effective_min_players >= 1),
    effective_max_players     integer CHECK (effective_max_players >= 1),
    effective_best_at         integer[],
    effective_recommended_at  integer[],
    effective_weight          numeric(4,3) CHECK (effective_weight BETWEEN 1 AND 5),
    effective_playtime_min    integer CHECK (effective_playtime_min >= 0),
    effective_playtime_max    integer CHECK (effective_playtime_max >= 0),
    effective_min_age         integer CHECK (effective_min_age >= 0),
    UNIQUE (base_game_id, expansion_ids)
);
CREATE INDEX expansion_combinations_members_idx ON expansion_combinations USING gin (expansion_ids);

-- A combination's own experience-bucketed playtime polls override the base game's.
CREATE TABLE combination_experience_playtime (
    combination_id    uuid NOT NULL REFERENCES expansion_combinations (id) ON DELETE CASCADE,
    experience_level  varchar(20) NOT NULL CHECK (experience_level IN ('first_play', 'learning', 'experienced', 'expert')),
    median_minutes    integer NOT NULL CHECK (median_minutes >= 0),
    p10_minutes       integer CHECK (p10_minutes >= 0),
    p90_minutes       integer CHECK (p90_minutes >= 0),
    report_count      integer NOT NULL DEFAULT 0 CHECK (report_count >= 0),
    PRIMARY KEY (combination_id, experience_level)
);

-- Tier 2: additive per-expansion deltas; best_at_delta holds absolute counts unioned in.
CREATE TABLE property_modifications (
    expansion_id        uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    base_game_id        uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    min_players_delta   integer NOT NULL DEFAULT 0,
    max_players_delta   integer NOT NULL DEFAULT 0,
    weight_delta        numeric(4,3) NOT NULL DEFAULT 0,
    playtime_min_delta  integer NOT NULL DEFAULT 0,
    playtime_max_delta  integer NOT NULL DEFAULT 0,
    best_at_delta       integer[] NOT NULL DEFAULT '{}',
    min_age_delta       integer NOT NULL DEFAULT 0,
    description         text,
    PRIMARY KEY (expansion_id, base_game_id)
);
CREATE INDEX property_modifications_base_idx ON property_modifications (base_game_id);
