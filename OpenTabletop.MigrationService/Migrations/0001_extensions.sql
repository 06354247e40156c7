-- Trigram matching backs search that tolerates misspellings and prefixes ("spirit iland", "terrafor").
-- pg_trgm is a trusted extension (PostgreSQL 13+), so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
