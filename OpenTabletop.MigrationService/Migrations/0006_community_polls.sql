-- Per-player-count community ratings on the ADR-0043 1-5 scale.
CREATE TABLE player_count_ratings (
    game_id         uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    player_count    integer NOT NULL CHECK (player_count >= 1),
    average_rating  numeric(3,2) NOT NULL CHECK (average_rating BETWEEN 1 AND 5),
    rating_count    integer NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
    rating_stddev   numeric(4,2) CHECK (rating_stddev >= 0),
    PRIMARY KEY (game_id, player_count)
);

-- The legacy BGG-style three-tier poll, kept for imports.
CREATE TABLE player_count_polls_legacy (
    game_id                uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    player_count           integer NOT NULL CHECK (player_count >= 1),
    best_votes             integer NOT NULL DEFAULT 0 CHECK (best_votes >= 0),
    recommended_votes      integer NOT NULL DEFAULT 0 CHECK (recommended_votes >= 0),
    not_recommended_votes  integer NOT NULL DEFAULT 0 CHECK (not_recommended_votes >= 0),
    PRIMARY KEY (game_id, player_count)
);

CREATE TABLE community_age_polls (
    game_id        uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    suggested_age  integer NOT NULL CHECK (suggested_age >= 0),
    vote_count     integer NOT NULL DEFAULT 0 CHECK (vote_count >= 0),
    PRIMARY KEY (game_id, suggested_age)
);

CREATE TABLE language_dependence_polls (
    game_id     uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    level       varchar(30) NOT NULL CHECK (level IN ('no_text', 'some_text', 'moderate_text', 'extensive_text', 'unplayable_without_text')),
    vote_count  integer NOT NULL DEFAULT 0 CHECK (vote_count >= 0),
    PRIMARY KEY (game_id, level)
);

CREATE TABLE experience_playtime (
    game_id           uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    experience_level  varchar(20) NOT NULL CHECK (experience_level IN ('first_play', 'learning', 'experienced', 'expert')),
    median_minutes    integer NOT NULL CHECK (median_minutes >= 0),
    p10_minutes       integer CHECK (p10_minutes >= 0),
    p90_minutes       integer CHECK (p90_minutes >= 0),
    report_count      integer NOT NULL DEFAULT 0 CHECK (report_count >= 0),
    PRIMARY KEY (game_id, experience_level)
);

CREATE TABLE experience_playtime_profiles (
    game_id                  uuid PRIMARY KEY REFERENCES games (id) ON DELETE CASCADE,
    sufficient_data          boolean NOT NULL DEFAULT false,
    multiplier_first_play    numeric(4,2),
    multiplier_learning      numeric(4,2),
    multiplier_experienced   numeric(4,2) DEFAULT 1.00,
    multiplier_expert        numeric(4,2),
    total_reports            integer NOT NULL DEFAULT 0 CHECK (total_reports >= 0)
);

-- Point-in-time copies of the aggregates, one per game per period (first day of the period).
CREATE TABLE game_snapshots (
    game_id            uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    snapshot_date      date NOT NULL,
    average_rating     numeric(5,3),
    bayes_rating       numeric(5,3),
    rating_count       integer,
    rating_confidence  numeric(4,3),
    weight             numeric(4,3),
    weight_votes       integer,
    rank_overall       integer,
    rank_by_category   jsonb,
    play_count_period  integer,
    owner_count        integer,
    PRIMARY KEY (game_id, snapshot_date)
);
CREATE INDEX game_snapshots_date_idx ON game_snapshots (snapshot_date, rank_overall);
