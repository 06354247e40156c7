-- POST of a vote or play with an Idempotency-Key: the first response is kept for a day, and a retry
-- with the same key and the same request gets it again instead of casting a second vote. Keys are
-- per API key (two clients may pick the same string). Written in the vote's own transaction, so a
-- stored response always has its vote and a vote made with a key always has its response.
CREATE TABLE idempotency_keys (
    api_key_id    uuid NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    key           varchar(255) NOT NULL,
    -- SHA-256 of the method, the path and the body: the same key with another request is refused.
    request_hash  bytea NOT NULL,
    status        smallint NOT NULL,
    location      text,
    body          text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (api_key_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- Vote velocity per key and game counts a key's recent plays as it already counts its ratings and weights.
CREATE INDEX play_logs_key_time_idx ON play_logs (api_key_id, created_at) WHERE api_key_id IS NOT NULL;
