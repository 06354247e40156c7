CREATE TABLE people (
    id           uuid PRIMARY KEY,
    slug         varchar(200) NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name         text NOT NULL,
    description  text
);
CREATE INDEX people_name_trgm_idx ON people USING gin (lower(name) gin_trgm_ops);

-- Designers and artists are credits too, so one table answers include=designers, credits and the
-- designer filter alike.
CREATE TABLE game_credits (
    game_id       uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    person_id     uuid NOT NULL REFERENCES people (id),
    role          varchar(30) NOT NULL CHECK (role IN ('designer', 'artist', 'developer', 'graphic_designer', 'sculptor', 'editor', 'writer', 'insert_designer', 'solo_mode_designer', 'narrator', 'producer')),
    credit_order  integer NOT NULL DEFAULT 0,
    PRIMARY KEY (game_id, person_id, role)
);
CREATE INDEX game_credits_person_idx ON game_credits (person_id, role, game_id);

CREATE TABLE publishers (
    id           uuid PRIMARY KEY,
    slug         varchar(200) NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name         text NOT NULL,
    description  text,
    country      char(2) CHECK (country ~ '^[A-Z]{2}$'),
    website      text
);
CREATE INDEX publishers_name_trgm_idx ON publishers USING gin (lower(name) gin_trgm_ops);

CREATE TABLE game_publishers (
    game_id       uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    publisher_id  uuid NOT NULL REFERENCES publishers (id),
    ordinal       integer NOT NULL DEFAULT 0,
    PRIMARY KEY (game_id, publisher_id)
);
CREATE INDEX game_publishers_publisher_idx ON game_publishers (publisher_id, game_id);

CREATE TABLE game_editions (
    id              uuid PRIMARY KEY,
    game_id         uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    name            text NOT NULL,
    year_published  integer,
    language        varchar(35),
    release_status  varchar(20) CHECK (release_status IN ('announced', 'preorder', 'released', 'out_of_print')),
    release_date    date,
    is_canonical    boolean NOT NULL DEFAULT false,
    product_codes   jsonb NOT NULL DEFAULT '[]',
    dimensions      jsonb,
    box_weight      jsonb,
    image_url       text,
    thumbnail_url   text,
    notes           text
);
CREATE INDEX game_editions_game_idx ON game_editions (game_id);
CREATE UNIQUE INDEX game_editions_one_canonical ON game_editions (game_id) WHERE is_canonical;

ALTER TABLE games ADD CONSTRAINT games_canonical_edition_fk
    FOREIGN KEY (canonical_edition_id) REFERENCES game_editions (id) DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE edition_publishers (
    edition_id    uuid NOT NULL REFERENCES game_editions (id) ON DELETE CASCADE,
    publisher_id  uuid NOT NULL REFERENCES publishers (id),
    ordinal       integer NOT NULL DEFAULT 0,
    PRIMARY KEY (edition_id, publisher_id)
);

CREATE TABLE edition_artists (
    edition_id  uuid NOT NULL REFERENCES game_editions (id) ON DELETE CASCADE,
    person_id   uuid NOT NULL REFERENCES people (id),
    PRIMARY KEY (edition_id, person_id)
);

-- How a non-canonical edition differs from the canonical one; applied before any expansion.
CREATE TABLE edition_deltas (
    edition_id          uuid PRIMARY KEY REFERENCES game_editions (id) ON DELETE CASCADE,
    game_id             uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    min_players_delta   integer NOT NULL DEFAULT 0,
    max_players_delta   integer NOT NULL DEFAULT 0,
    weight_delta        numeric(4,3) NOT NULL DEFAULT 0,
    playtime_min_delta  integer NOT NULL DEFAULT 0,
    playtime_max_delta  integer NOT NULL DEFAULT 0,
    best_at_delta       integer[] NOT NULL DEFAULT '{}',
    rules_changes       text,
    component_changes   text,
    description         text
);
CREATE INDEX edition_deltas_game_idx ON edition_deltas (game_id);

CREATE TABLE awards (
    id            uuid PRIMARY KEY,
    slug          varchar(200) NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name          text NOT NULL,
    description   text,
    organization  text,
    website       text
);

CREATE TABLE game_awards (
    id        uuid PRIMARY KEY,
    game_id   uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    award_id  uuid NOT NULL REFERENCES awards (id),
    year      integer NOT NULL,
    result    varchar(20) NOT NULL CHECK (result IN ('nominated', 'shortlisted', 'recommended', 'won')),
    category  text,
    UNIQUE NULLS NOT DISTINCT (game_id, award_id, year, category)
);
CREATE INDEX game_awards_award_idx ON game_awards (award_id, year);
