-- One polymorphic entity for every product type (spec ADR-0006). Tier-2 aggregates live here and
-- are written only by the Materializer (and the seeder); raw votes are in their own tables.
CREATE TABLE games (
    id                                 uuid PRIMARY KEY,
    slug                               varchar(200) NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name                               text NOT NULL,
    -- Leading articles stripped, lower-cased: the key for sort=name.
    sort_name                          text GENERATED ALWAYS AS (lower(regexp_replace(name, '^(the|a|an)\s+', '', 'i'))) STORED,
    type                               varchar(30) NOT NULL CHECK (type IN ('base_game', 'expansion', 'standalone_expansion', 'promo', 'accessory', 'fan_expansion')),
    parent_game_id                     uuid REFERENCES games (id),
    year_published                     integer,
    description                        text,
    description_short                  varchar(1000),
    min_players                        integer CHECK (min_players >= 1),
    max_players                        integer CHECK (max_players >= 1),
    min_playtime_minutes               integer CHECK (min_playtime_minutes >= 0),
    max_playtime_minutes               integer CHECK (max_playtime_minutes >= 0),
    community_playtime_min_minutes     integer CHECK (community_playtime_min_minutes >= 0),
    community_playtime_max_minutes     integer CHECK (community_playtime_max_minutes >= 0),
    community_playtime_median_minutes  integer CHECK (community_playtime_median_minutes >= 0),
    min_age                            integer CHECK (min_age >= 0),
    community_suggested_age            integer CHECK (community_suggested_age >= 0),
    weight                             numeric(4,3) CHECK (weight BETWEEN 1 AND 5),
    weight_votes                       integer NOT NULL DEFAULT 0 CHECK (weight_votes >= 0),
    average_rating                     numeric(5,3) CHECK (average_rating BETWEEN 0 AND 10),
    bayes_rating                       numeric(5,3) CHECK (bayes_rating BETWEEN 0 AND 10),
    rating_count                       integer NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
    rating_stddev                      numeric(5,3) CHECK (rating_stddev >= 0),
    rating_distribution                integer[] CHECK (rating_distribution IS NULL OR cardinality(rating_distribution) = 10),
    rating_confidence                  numeric(4,3) CHECK (rating_confidence BETWEEN 0 AND 1),
    rank_overall                       integer CHECK (rank_overall >= 1),
    rank_by_category                   jsonb,
    owner_count                        integer CHECK (owner_count >= 0),
    wishlist_count                     integer CHECK (wishlist_count >= 0),
    total_plays                        integer CHECK (total_plays >= 0),
    language_dependence                varchar(30) CHECK (language_dependence IN ('no_text', 'some_text', 'moderate_text', 'extensive_text', 'unplayable_without_text')),
    mode                               varchar(20) CHECK (mode IN ('cooperative', 'competitive', 'solo', 'team', 'mixed')),
    image_url                          text,
    thumbnail_url                      text,
    bgg_id                             integer,
    funding_source                     varchar(20) CHECK (funding_source IN ('retail', 'kickstarter', 'gamefound', 'backerkit', 'self_published', 'other')),
    canonical_edition_id               uuid,
    status                             varchar(10) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'pending', 'archived')),
    top_player_counts                  integer[],
    recommended_player_counts          integer[],
    -- Alternate names (any language) folded into the search document; kept by a trigger on alternate_names.
    search_alternate_names             text NOT NULL DEFAULT '',
    search_vector                      tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(search_alternate_names, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(description_short, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(description, '')), 'C')
    ) STORED,
    created_at                         timestamptz NOT NULL DEFAULT now(),
    updated_at                         timestamptz NOT NULL DEFAULT now(),
    CHECK (max_players IS NULL OR min_players IS NULL OR max_players >= min_players),
    CHECK (max_playtime_minutes IS NULL OR min_playtime_minutes IS NULL OR max_playtime_minutes >= min_playtime_minutes)
);

-- Filtering and keyset-sorting workload: every sort key is paired with id as the tie-breaker.
CREATE INDEX games_type_status_idx        ON games (type, status);
CREATE INDEX games_parent_idx             ON games (parent_game_id, type);
CREATE INDEX games_sort_name_idx          ON games (sort_name, id);
CREATE INDEX games_bayes_idx              ON games (bayes_rating DESC NULLS LAST, rating_count DESC, id);
CREATE INDEX games_weight_idx             ON games (weight, id);
CREATE INDEX games_year_idx               ON games (year_published, id);
CREATE INDEX games_community_median_idx   ON games (community_playtime_median_minutes, id);
CREATE INDEX games_players_idx            ON games (min_players, max_players);
CREATE INDEX games_playtime_idx           ON games (min_playtime_minutes, max_playtime_minutes);
CREATE INDEX games_min_age_idx            ON games (min_age);
CREATE INDEX games_mode_idx               ON games (mode);
CREATE INDEX games_bgg_id_idx             ON games (bgg_id) WHERE bgg_id IS NOT NULL;
CREATE INDEX games_top_counts_idx         ON games USING gin (top_player_counts);
CREATE INDEX games_recommended_counts_idx ON games USING gin (recommended_player_counts);
CREATE INDEX games_search_idx             ON games USING gin (search_vector);
CREATE INDEX games_name_trgm_idx          ON games USING gin (lower(name) gin_trgm_ops);

CREATE TABLE game_mechanics (
    game_id      uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    mechanic_id  uuid NOT NULL REFERENCES mechanics (id),
    PRIMARY KEY (game_id, mechanic_id)
);
CREATE INDEX game_mechanics_term_idx ON game_mechanics (mechanic_id, game_id);

CREATE TABLE game_categories (
    game_id      uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    category_id  uuid NOT NULL REFERENCES categories (id),
    PRIMARY KEY (game_id, category_id)
);
CREATE INDEX game_categories_term_idx ON game_categories (category_id, game_id);

CREATE TABLE game_themes (
    game_id      uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    theme_id     uuid NOT NULL REFERENCES themes (id),
    PRIMARY KEY (game_id, theme_id)
);
CREATE INDEX game_themes_term_idx ON game_themes (theme_id, game_id);

CREATE TABLE game_families (
    game_id      uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    family_id    uuid NOT NULL REFERENCES families (id),
    PRIMARY KEY (game_id, family_id)
);
CREATE INDEX game_families_term_idx ON game_families (family_id, game_id);

-- Spec direction: for `expands`, source is the base game and target the add-on.
-- `integrates_with` is symmetric and stored in both directions.
CREATE TABLE game_relationships (
    source_game_id     uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    target_game_id     uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    relationship_type  varchar(20) NOT NULL CHECK (relationship_type IN ('expands', 'reimplements', 'contains', 'requires', 'recommends', 'integrates_with')),
    ordinal            integer NOT NULL DEFAULT 0,
    metadata           jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (source_game_id, target_game_id, relationship_type),
    CHECK (source_game_id <> target_game_id)
);
CREATE INDEX game_relationships_target_idx ON game_relationships (target_game_id, relationship_type);

CREATE TABLE alternate_names (
    id          uuid PRIMARY KEY,
    game_id     uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    name        text NOT NULL,
    language    varchar(35),
    is_primary  boolean NOT NULL DEFAULT false,
    source      varchar(20) CHECK (source IN ('bgg', 'publisher', 'community')),
    UNIQUE NULLS NOT DISTINCT (game_id, name, language)
);
CREATE INDEX alternate_names_trgm_idx ON alternate_names USING gin (lower(name) gin_trgm_ops);

CREATE FUNCTION refresh_search_alternate_names(game_ids uuid[]) RETURNS void LANGUAGE sql AS $$
    UPDATE games g
       SET search_alternate_names = names.value
      FROM (SELECT id, coalesce((SELECT string_agg(a.name, ' ' ORDER BY a.name, a.language) FROM alternate_names a WHERE a.game_id = x.id), '') AS value
              FROM unnest(game_ids) AS x(id)) names
     WHERE g.id = names.id AND g.search_alternate_names IS DISTINCT FROM names.value;
$$;

-- Statement-level triggers with transition tables: one UPDATE of games per statement, and on UPDATE
-- both the old and the new game of a moved name are refreshed.
CREATE FUNCTION alternate_names_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_search_alternate_names(ARRAY(SELECT DISTINCT game_id FROM new_names));
    RETURN NULL;
END $$;
CREATE FUNCTION alternate_names_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_search_alternate_names(ARRAY(SELECT DISTINCT game_id FROM old_names));
    RETURN NULL;
END $$;
CREATE FUNCTION alternate_names_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_search_alternate_names(ARRAY(SELECT game_id FROM new_names UNION SELECT game_id FROM old_names));
    RETURN NULL;
END $$;
CREATE TRIGGER alternate_names_inserted AFTER INSERT ON alternate_names
    REFERENCING NEW TABLE AS new_names FOR EACH STATEMENT EXECUTE FUNCTION alternate_names_inserted();
CREATE TRIGGER alternate_names_updated AFTER UPDATE ON alternate_names
    REFERENCING OLD TABLE AS old_names NEW TABLE AS new_names FOR EACH STATEMENT EXECUTE FUNCTION alternate_names_updated();
CREATE TRIGGER alternate_names_deleted AFTER DELETE ON alternate_names
    REFERENCING OLD TABLE AS old_names FOR EACH STATEMENT EXECUTE FUNCTION alternate_names_deleted();

CREATE TABLE external_identifiers (
    game_id      uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    source       varchar(30) NOT NULL,
    external_id  text NOT NULL,
    PRIMARY KEY (source, external_id)
);
CREATE INDEX external_identifiers_game_idx ON external_identifiers (game_id);

-- Identifiers that once resolved and must now answer 410 Gone (spec identifiers.md).
CREATE TABLE retired_identifiers (
    entity_type  varchar(20) NOT NULL CHECK (entity_type IN ('game', 'designer', 'publisher', 'mechanic', 'category', 'theme')),
    identifier   text NOT NULL,
    replaced_by  uuid,
    retired_at   timestamptz NOT NULL DEFAULT now(),
    reason       text,
    PRIMARY KEY (entity_type, identifier)
);
