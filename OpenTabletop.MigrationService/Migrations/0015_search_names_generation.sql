-- The in-memory game index also holds the active games' names for GET /search, in the physical order
-- of game_search_names (the order game_search_candidates takes its first hundred in). Any write to
-- that table (a name, an alternate name or a status changing, which its triggers on games follow)
-- moves game_facets_generation, so a search never uses names or an order that have since changed.
CREATE TRIGGER game_search_names_generation_inserted AFTER INSERT ON game_search_names
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION game_facets_generation_moved();
CREATE TRIGGER game_search_names_generation_updated AFTER UPDATE ON game_search_names
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION game_facets_generation_moved();
CREATE TRIGGER game_search_names_generation_deleted AFTER DELETE ON game_search_names
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION game_facets_generation_moved();
CREATE TRIGGER game_search_names_generation_truncated AFTER TRUNCATE ON game_search_names
    FOR EACH STATEMENT EXECUTE FUNCTION game_facets_generation_moved();
