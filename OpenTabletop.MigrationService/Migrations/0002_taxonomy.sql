-- Controlled vocabularies. Each term may have a primary parent (the tree the API exposes as
-- parent/children); mechanics additionally keep their full lineage, since some evolved from several.
CREATE TABLE mechanics (
    id           uuid PRIMARY KEY,
    slug         varchar(100) NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name         text NOT NULL,
    description  text,
    parent_id    uuid REFERENCES mechanics (id) DEFERRABLE INITIALLY DEFERRED,
    synonyms     text[] NOT NULL DEFAULT '{}',
    bgg_ids      integer[] NOT NULL DEFAULT '{}',
    origin_game  text,
    origin_year  integer,
    era          text
);
CREATE INDEX mechanics_parent_idx ON mechanics (parent_id);

CREATE TABLE mechanic_ancestors (
    mechanic_id  uuid NOT NULL REFERENCES mechanics (id) ON DELETE CASCADE,
    ancestor_id  uuid NOT NULL REFERENCES mechanics (id) ON DELETE CASCADE,
    ordinal      smallint NOT NULL DEFAULT 0,
    PRIMARY KEY (mechanic_id, ancestor_id)
);
CREATE INDEX mechanic_ancestors_ancestor_idx ON mechanic_ancestors (ancestor_id);

CREATE TABLE categories (
    id           uuid PRIMARY KEY,
    slug         varchar(100) NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name         text NOT NULL,
    description  text,
    parent_id    uuid REFERENCES categories (id) DEFERRABLE INITIALLY DEFERRED,
    synonyms     text[] NOT NULL DEFAULT '{}',
    bgg_ids      integer[] NOT NULL DEFAULT '{}'
);
CREATE INDEX categories_parent_idx ON categories (parent_id);

CREATE TABLE themes (
    id           uuid PRIMARY KEY,
    slug         varchar(100) NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name         text NOT NULL,
    description  text,
    parent_id    uuid REFERENCES themes (id) DEFERRABLE INITIALLY DEFERRED,
    synonyms     text[] NOT NULL DEFAULT '{}',
    bgg_ids      integer[] NOT NULL DEFAULT '{}'
);
CREATE INDEX themes_parent_idx ON themes (parent_id);

CREATE TABLE families (
    id           uuid PRIMARY KEY,
    slug         varchar(200) NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name         text NOT NULL,
    description  text
);
