namespace OpenTabletop.Api.Search;

/// <summary>
/// The SQL of GET /search. Parameters: $1 the collapsed query text, $2 its words (text[]), $3 the
/// words as a tsquery of prefixes (<c>w1:* &amp; w2:*</c>, built from letters and digits only).
/// <para>
/// Candidates of each type are the union of <em>name hits</em> (a trigram match of a name, which is
/// what tolerates misspellings, or every word a prefix of a name word, which is what finds
/// "terrafor") and <em>text hits</em> (the English-stemmed words in the name or description,
/// through the GIN indexes). Each candidate is scored in 0–1:
/// </para>
/// <code>
/// score = 1                                              when q equals a name, case-insensitively
///                                                        (a game's alternate names count; term synonyms do not)
///       = min(0.99, 0.60 × closeness + 0.25 × words + 0.15 × text)   otherwise
/// closeness = max over the names of (similarity + word_similarity) / 2   (name hits only, else 0)
/// words     = share of the query's words that begin a word of a name     (name hits only, else 0)
/// text      = min(1, max(ts_rank(document, prefixes), ts_rank(document, English words)))
/// </code>
/// <para>
/// Names are the name plus, for games, every alternate name (a title in another language is the
/// game's name there, so typing it exactly scores 1) and, for taxonomy terms, every synonym (an
/// alias: close, but a term literally named so must outrank it).
/// Closeness dominates because it is the signal that degrades gracefully under typos; averaging
/// similarity (the whole name) with word_similarity (the best-matching stretch of it) ranks
/// "Spirit Island" above "Spirit Island: Jagged Earth" for "spirit island" while still valuing a
/// prefix. Words rewards completeness of what was typed; text orders matches found only in
/// descriptions (documents weight the name A, short description B, description C) and separates
/// otherwise equal names. The 0.99 cap keeps 1.0 for exact names. A name hit scores at least 0.18
/// (closeness is at least 0.3 for a trigram hit, words is 1 for a prefix hit) and a text-only hit
/// at most 0.15, so a match found only in descriptions never outranks a match of a name.
/// </para>
/// <para>
/// Name hits are few and get the whole formula; text hits that are not name hits can be most of the
/// catalogue for a broad word ("game"), so they are read straight from their table, scored by text
/// alone, with the name hits (a materialized CTE) excluded rather than joined back.
/// </para>
/// <para>
/// Games are the one type large enough for a single common word to match thousands of names ("the",
/// "gold": a fifth and a thirtieth of the 100,000-game catalogue), and scoring a candidate costs a
/// trigram comparison per name and two ts_ranks, so their candidates are bounded to
/// <see cref="GameCandidates"/>, found through indexes without reading every match:
/// a game whose name (or an alternate name) equals q, always; the games in which every word of q begins a
/// word of a name, the first <see cref="GameCandidates"/> in the order of the narrow <c>game_search_names</c>
/// table; only when no name has every word, the trigram-similar names (the misspellings), the first by
/// id; and, while those leave room, the text hits, in the order of the same table (their documents are copied there, migration 0021). The candidates are then scored
/// exactly as above, so a query with fewer matches than the bound ranks all of them, and one with more
/// ranks a fixed subset of its weaker matches (the exact name is never left out).
/// The total counts the candidates, which is what paging can reach.
/// </para>
/// Rounded to 6 places in SQL, so that a keyset cursor compares exact numerics.
/// </summary>
internal static class SearchSql
{
    private const string Prefixes = "to_tsquery('simple', $3)";
    private const string EnglishWords = "plainto_tsquery('english', $1)";

    /// <summary>The name-and-description document; the same expression as the migration 0009 indexes.</summary>
    private static string Document(string alias) =>
        $"(setweight(to_tsvector('simple', {alias}.name), 'A') || setweight(to_tsvector('english', coalesce({alias}.description, '')), 'C'))";

    /// <summary>Word similarity (q inside a longer name) or similarity (a misspelt or longer q), both trigram-indexed.</summary>
    private static string Trigram(string name) => $"(lower($1) <% lower({name}) OR lower({name}) % lower($1))";

    /// <summary>Separate arms, so that the trigram one can use its index whatever the other costs.</summary>
    private static string NameHits(string table) =>
        $"SELECT id FROM {table} WHERE {Trigram("name")} UNION ALL SELECT id FROM {table} WHERE to_tsvector('simple', name) @@ {Prefixes}";

    /// <summary>
    /// <c>NameHits</c> selects the ids whose names match (duplicates allowed); <c>Names</c> selects
    /// (name, whether equalling it is an exact match) of the entity <c>e</c>; <c>Document</c> is its
    /// text-search document, which <see cref="EnglishWords"/> must match for a text hit; <c>Filter</c>
    /// is what else <c>e</c> must satisfy to be a result.
    /// </summary>
    private sealed record Source(string Table, string NameHits, string Names, string Document, string Filter);

    private static readonly Dictionary<SearchResultType, Source> Sources = new()
    {
        // The game candidates are GameCtes and their names GameNames, not of these shapes.
        [SearchResultType.Game] = new(
            "games",
            "",
            "",
            "e.search_vector",
            "e.status = 'active'"),
        [SearchResultType.Designer] = new(
            "people",
            NameHits("people"),
            "SELECT e.name, TRUE",
            Document("e"),
            "EXISTS (SELECT 1 FROM game_credits c WHERE c.person_id = e.id AND c.role = 'designer')"),
        [SearchResultType.Publisher] = new(
            "publishers",
            NameHits("publishers"),
            "SELECT e.name, TRUE",
            Document("e"),
            "TRUE"),
        [SearchResultType.Mechanic] = Term("mechanics"),
        [SearchResultType.Category] = Term("categories"),
    };

    /// <summary>Synonyms are stored as slugs ("area-majority"); as names they read with spaces.</summary>
    private static Source Term(string table) => new(
        table,
        NameHits(table) + $" UNION ALL SELECT id FROM {table} t WHERE EXISTS (SELECT 1 FROM unnest(t.synonyms) AS s WHERE {Trigram("replace(s, '-', ' ')")})",
        "SELECT e.name, TRUE UNION ALL SELECT replace(s, '-', ' '), FALSE FROM unnest(e.synonyms) AS s",
        Document("e"),
        "TRUE");

    /// <summary>How many candidates a query's games are ranked among (see the class comment).</summary>
    public const int GameCandidates = 100;

    /// <summary>
    /// One row per result: type_rank, result_type, id, score, and <c>total</c>, the number of results
    /// of the whole query (the same on every row), so that a page and its total take one statement.
    /// </summary>
    /// <para>
    /// With <paramref name="gamesFromMemory"/>, the game candidates are not searched here: $4 (uuid[])
    /// are the ones the in-memory name index found (<see cref="InMemory.GameNameCandidates"/>: the exact
    /// names, the prefix arm's games, which the caller only sends when that arm finds any, so the
    /// misspelling arm would not run, and the text arm's), $5 (real[]) their closeness where it was
    /// computed there, $6 (boolean[]) whether the name is exact, $7 (boolean[]) whether only the text
    /// arm found the game. Only their documents are read here, from game_search_names.
    /// </para>
    public static string Rows(IReadOnlyList<SearchResultType> types, bool gamesFromMemory = false) =>
        Ctes(types, gamesFromMemory) + " SELECT *, count(*) OVER ()::int AS total FROM (" + string.Join(" UNION ALL ", types.Select(type =>
            NameRows(type, Sources[type], gamesFromMemory) + " UNION ALL " + TextRows(type, Sources[type], gamesFromMemory))) + ") AS scored";

    /// <summary>The number of results, over the same candidates as <see cref="Rows"/> without scoring them.</summary>
    public static string Count(IReadOnlyList<SearchResultType> types, bool gamesFromMemory = false) =>
        Ctes(types, gamesFromMemory) + " SELECT (" + string.Join(" + ", types.Select(type =>
        {
            var source = Sources[type];
            if (type == SearchResultType.Game && gamesFromMemory) return "(SELECT count(*) FROM " + GameCandidatesFromMemory + ")";
            return $"(SELECT count(*) FROM {type.Name}_names m JOIN {source.Table} e ON e.id = m.id WHERE {source.Filter}) + " +
                (type == SearchResultType.Game
                    ? "(SELECT count(*) FROM game_text)"
                    : $"(SELECT count(*) FROM {source.Table} e WHERE {TextOnly(type, source)})");
        })) + ")::int";

    /// <summary>Each type's name hits once, for both its fully scored rows and its text-only rows.</summary>
    private static string Ctes(IEnumerable<SearchResultType> types, bool gamesFromMemory) =>
        "WITH " + string.Join(", ", types.Select(type => type == SearchResultType.Game
            ? gamesFromMemory ? GameCtesFromMemory : GameCtes
            : $"{type.Name}_names AS MATERIALIZED (SELECT DISTINCT id FROM ({Sources[type].NameHits}) AS hits)"));

    private const string GameExact =
        "game_exact AS MATERIALIZED (SELECT id FROM games WHERE lower(name) = lower($1) " +
        "UNION SELECT game_id FROM alternate_names WHERE lower(name) = lower($1)), ";

    /// <summary>Twice the bound, so that a hundred remain once the name hits among them are left out.</summary>
    public const int TextCandidates = 2 * GameCandidates;

    private static readonly string GameText =
        $"game_text AS MATERIALIZED (SELECT id FROM game_search_text_candidates({EnglishWords}, {TextCandidates}) AS text(id) " +
        $"WHERE (SELECT count(*) FROM game_names) < {GameCandidates} AND id NOT IN (SELECT id FROM game_names) LIMIT {GameCandidates})";

    /// <summary>
    /// The bounded game candidates. Every arm takes a fixed order before its limit (the words and text
    /// arms table order, see game_search_candidates in migration 0010; the misspellings the id), so
    /// the same query over the same data always has the same candidates and pages never disagree.
    /// The one-time conditions on the other CTEs (NOT EXISTS, count) skip an arm's scan entirely.
    /// </summary>
    private static readonly string GameCtes =
        GameExact +
        $"game_words AS MATERIALIZED (SELECT id FROM game_search_candidates({Prefixes}, {GameCandidates}) AS words(id)), " +
        "game_similar AS MATERIALIZED (SELECT g.id FROM games g WHERE g.status = 'active' AND NOT EXISTS (SELECT 1 FROM game_words) AND g.id IN (" +
        $"SELECT id FROM games WHERE {Trigram("name")} UNION ALL SELECT game_id FROM alternate_names WHERE {Trigram("name")}) " +
        $"ORDER BY g.id LIMIT {GameCandidates}), " +
        // all_words: found by the every-word prefix arm, so every word of q begins a word of its names (words = 1, not recomputed).
        "game_names AS MATERIALIZED (SELECT id, bool_or(all_words) AS all_words FROM (SELECT id, FALSE AS all_words FROM game_exact " +
        "UNION ALL SELECT id, TRUE FROM game_words UNION ALL SELECT id, FALSE FROM game_similar) AS hits GROUP BY id), " +
        GameText;

    /// <summary>The candidates found in memory, as the columns of <c>c</c> (see <see cref="Rows"/>).</summary>
    private const string GameCtesFromMemory =
        "game_candidates AS MATERIALIZED (SELECT * FROM unnest($4::uuid[], $5::real[], $6::boolean[], $7::boolean[]) AS c(id, closeness, exact, text_only))";

    /// <summary>Only active games have a row there, as SQL's own arms join games on status.</summary>
    private const string GameCandidatesFromMemory = "game_candidates c JOIN game_search_names s ON s.game_id = c.id";

    /// <summary>
    /// The name hits found in memory, scored exactly as <see cref="GameNames"/> scores SQL's own: every
    /// one of them an exact name (1) or a prefix-arm game (words = 1, as for m.all_words there), with
    /// the closeness SQL computes only where memory could not (a name outside the trigram model).
    /// </summary>
    private static readonly string GameNameRowsFromMemory =
        $"SELECT {SearchResultType.Game.Rank} AS type_rank, '{SearchResultType.Game.Name}' AS result_type, s.game_id AS id, {Score("s.document", "1")} AS score " +
        $"FROM {GameCandidatesFromMemory} " +
        $"CROSS JOIN LATERAL (SELECT c.exact AS exact, coalesce(c.closeness, (SELECT {GameCloseness} FROM games e WHERE e.id = c.id)) AS closeness) AS n " +
        "WHERE NOT c.text_only";

    private static string NameRows(SearchResultType type, Source source, bool gamesFromMemory) =>
        type == SearchResultType.Game && gamesFromMemory ? GameNameRowsFromMemory :
        $"SELECT {type.Rank} AS type_rank, '{type.Name}' AS result_type, e.id, {Score(source.Document, type == SearchResultType.Game ? GameWords : Words)} AS score " +
        $"FROM {type.Name}_names m JOIN {source.Table} e ON e.id = m.id " +
        (type == SearchResultType.Game ? GameNames :
            "CROSS JOIN LATERAL (SELECT bool_or(exact_counts AND lower(x) = lower($1)) AS exact, " +
            "max((similarity(lower($1), lower(x)) + word_similarity(lower($1), lower(x))) / 2) AS closeness, " +
            "to_tsvector('simple', string_agg(x, ' ')) AS vector " +
            $"FROM ({source.Names}) AS names(x, exact_counts)) AS n ") +
        $"WHERE {source.Filter}";

    /// <summary>
    /// The same exact, closeness and vector as the generic lateral over the names, for a game: most
    /// games have no alternate name (search_alternate_names is empty), so those are not looked up, and
    /// the vector of all the names is game_search_names' (an inactive game has none, and is no result),
    /// looked up only where the words share is computed (not for prefix-arm games).
    /// </summary>
    private const string GameNames =
        "CROSS JOIN LATERAL (SELECT lower(e.name) = lower($1) OR (e.search_alternate_names <> '' AND EXISTS " +
        "(SELECT 1 FROM alternate_names a WHERE a.game_id = e.id AND lower(a.name) = lower($1))) AS exact, " +
        $"{GameCloseness} AS closeness, " +
        "(SELECT s.names FROM game_search_names s WHERE s.game_id = e.id) AS vector) AS n ";

    private const string GameCloseness =
        "greatest((similarity(lower($1), lower(e.name)) + word_similarity(lower($1), lower(e.name))) / 2, " +
        "CASE WHEN e.search_alternate_names <> '' THEN (SELECT max((similarity(lower($1), lower(a.name)) + word_similarity(lower($1), lower(a.name))) / 2) " +
        "FROM alternate_names a WHERE a.game_id = e.id) END)";

    private static string TextRows(SearchResultType type, Source source, bool gamesFromMemory) =>
        type == SearchResultType.Game && gamesFromMemory
            ? $"SELECT {type.Rank}, '{type.Name}', s.game_id, {TextScore("s.document")} FROM {GameCandidatesFromMemory} WHERE c.text_only"
            : $"SELECT {type.Rank}, '{type.Name}', e.id, {TextScore(source.Document)} " +
              (type == SearchResultType.Game
                  ? "FROM game_text t JOIN games e ON e.id = t.id"
                  : $"FROM {source.Table} e WHERE {TextOnly(type, source)}");

    private static string TextScore(string document) => $"round(least(0.99, 0.15 * {Text(document)})::numeric, 6)";

    private static string TextOnly(SearchResultType type, Source source) =>
        $"{source.Document} @@ {EnglishWords} AND e.id NOT IN (SELECT id FROM {type.Name}_names) AND {source.Filter}";

    /// <summary>The queries as one-time subqueries: parsed and stemmed once per statement, not once per candidate.</summary>
    private static string Text(string document) =>
        $"least(1, greatest(ts_rank({document}, (SELECT {Prefixes})), ts_rank({document}, (SELECT {EnglishWords}))))";

    private static string Score(string document, string words) =>
        "round(CASE WHEN n.exact THEN 1 ELSE least(0.99, " +
        "0.60 * coalesce(n.closeness, 0) " +
        $"+ 0.25 * {words} " +
        $"+ 0.15 * {Text(document)}) END::numeric, 6)";

    /// <summary>The share of q's words that begin a word of the names in <c>n.vector</c>.</summary>
    private const string Words = "coalesce((SELECT avg((n.vector @@ to_tsquery('simple', w || ':*'))::int) FROM unnest($2::text[]) AS w), 0)";

    /// <summary>The same for a game: 1 without computing it when the prefix arm found the game (see GameCtes).</summary>
    private const string GameWords = "CASE WHEN m.all_words THEN 1 ELSE " + Words + " END";
}
