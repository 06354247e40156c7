-- Tier 1: raw community input, append-only. Aggregates are derived from these by the Materializer.
CREATE TABLE api_keys (
    id            uuid PRIMARY KEY,
    -- HMAC-SHA256(API_KEY_SALT, plaintext); the plaintext is never stored.
    key_hash      bytea NOT NULL UNIQUE,
    key_prefix    varchar(16) NOT NULL,
    owner         text NOT NULL,
    scopes        text[] NOT NULL CHECK (scopes <@ ARRAY['read', 'write', 'admin']::text[] AND cardinality(scopes) >= 1),
    not_before    timestamptz NOT NULL DEFAULT now(),
    not_after     timestamptz,
    revoked_at    timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    rotated_from  uuid REFERENCES api_keys (id)
);

CREATE TABLE rating_votes (
    id                uuid PRIMARY KEY,
    game_id           uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    -- The value as the voter gave it on their declared scale (Layer 1); normalised to 1-10 when aggregated.
    rating            numeric(6,2) NOT NULL CHECK (rating > 0),
    declared_scale    smallint CHECK (declared_scale BETWEEN 2 AND 100),
    play_count        integer CHECK (play_count >= 0),
    experience_level  varchar(20) CHECK (experience_level IN ('first_play', 'learning', 'experienced', 'expert')),
    api_key_id        uuid REFERENCES api_keys (id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (rating <= coalesce(declared_scale, 10))
);
CREATE INDEX rating_votes_game_idx ON rating_votes (game_id);
CREATE INDEX rating_votes_key_time_idx ON rating_votes (api_key_id, created_at) WHERE api_key_id IS NOT NULL;

CREATE TABLE weight_votes (
    id          uuid PRIMARY KEY,
    game_id     uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    weight      numeric(5,3) NOT NULL CHECK (weight BETWEEN 1 AND 5),
    api_key_id  uuid REFERENCES api_keys (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX weight_votes_game_idx ON weight_votes (game_id);
CREATE INDEX weight_votes_key_time_idx ON weight_votes (api_key_id, created_at) WHERE api_key_id IS NOT NULL;

CREATE TABLE play_logs (
    id                uuid PRIMARY KEY,
    game_id           uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    duration_minutes  integer NOT NULL CHECK (duration_minutes > 0),
    player_count      integer CHECK (player_count >= 1),
    experience_level  varchar(20) CHECK (experience_level IN ('first_play', 'learning', 'experienced', 'expert')),
    is_campaign       boolean NOT NULL DEFAULT false,
    played_at         date,
    api_key_id        uuid REFERENCES api_keys (id),
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX play_logs_game_idx ON play_logs (game_id);

CREATE TABLE collection_entries (
    id          uuid PRIMARY KEY,
    game_id     uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    status      varchar(20) NOT NULL CHECK (status IN ('owned', 'wishlist', 'previously_owned', 'want_to_play')),
    api_key_id  uuid REFERENCES api_keys (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX collection_entries_game_idx ON collection_entries (game_id, status);
