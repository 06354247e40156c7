-- GET /v1/search matches people, publishers and taxonomy terms by a document of the name (weight A,
-- 'simple', so prefixes of names match) and the description (weight C, 'english' stems), shaped like
-- games.search_vector. The queries repeat these expressions verbatim, which is what lets the planner
-- use the indexes instead of parsing every description on every request.
CREATE INDEX people_search_idx ON people USING gin (
    (setweight(to_tsvector('simple', name), 'A') || setweight(to_tsvector('english', coalesce(description, '')), 'C')));
CREATE INDEX publishers_search_idx ON publishers USING gin (
    (setweight(to_tsvector('simple', name), 'A') || setweight(to_tsvector('english', coalesce(description, '')), 'C')));
CREATE INDEX mechanics_search_idx ON mechanics USING gin (
    (setweight(to_tsvector('simple', name), 'A') || setweight(to_tsvector('english', coalesce(description, '')), 'C')));
CREATE INDEX categories_search_idx ON categories USING gin (
    (setweight(to_tsvector('simple', name), 'A') || setweight(to_tsvector('english', coalesce(description, '')), 'C')));

-- Every word of q a prefix of a word of a game's names ("terrafor"): games.search_vector would
-- answer it only after rechecking the weight of every row that mentions the word anywhere, so the
-- names get a document of their own.
CREATE INDEX games_names_search_idx ON games USING gin (to_tsvector('simple', name || ' ' || search_alternate_names));
