using System.Text.Json;
using Npgsql;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>
/// GET /search with the game names found on the in-memory index (GAME_INDEX=memory, the default)
/// against SQL alone (GAME_INDEX=off) on the same database: the same results with the same scores,
/// totals and cursors on every page, for the queries the index answers and the ones it leaves to SQL;
/// and a change of names is never answered from a stale copy.
/// </summary>
public sealed class SearchIndexTests(SyntheticApi synthetic) : IClassFixture<SyntheticApi>
{
    [Fact]
    public async Task MemoryAndSqlRankTheSameResultsWithTheSameScoresAndCursors()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sqlApi = ApiFactory.Start(synthetic.ConnectionString, ("GAME_INDEX", "off"));
        await GameIndexProbe.CaughtUpAsync(synthetic.Api, synthetic.ConnectionString);
        var index = GameIndexProbe.IndexOf(synthetic.Api);
        var memory = synthetic.Api.CreateClient();
        var sql = sqlApi.CreateClient();

        var queries = await QueriesAsync(ct);
        var before = index.SearchesFromMemory;
        var pages = 0;
        foreach (var (q, i) in queries.Select((q, i) => (q, i)))
        {
            // Games alone, and every type (designers, publishers and terms ranked with the games).
            var types = i % 3 == 0 ? "" : "&type=game";
            pages += await WalkAsync(memory, sql, "/v1/search?q=" + Uri.EscapeDataString(q) + types + "&limit=" + (5 + i % 40));
        }

        Assert.True(pages >= queries.Count, $"{pages} pages for {queries.Count} queries");
        // Most queries name a word of some game: those are found in memory (the rest, misspellings and
        // non-ASCII text, by SQL, and compared all the same).
        Assert.True(index.SearchesFromMemory - before >= queries.Count / 2, $"{index.SearchesFromMemory - before} searches from memory of {pages} pages");
        Assert.Equal(0, GameIndexProbe.IndexOf(sqlApi).SearchesFromMemory);
    }

    [Fact]
    public async Task ARenamedGameIsNeverFoundByItsOldName()
    {
        var ct = TestContext.Current.CancellationToken;
        var (index, http, id, name) = await CaughtUpWithAGameAsync(ct);
        const string renamed = "Zyxwvut Quartermaster";

        var before = index.SearchesFromMemory;
        using (var found = await http.GetJsonAsync("/v1/search?type=game&limit=100&q=" + Uri.EscapeDataString(name)))
        {
            // Its exact name: score 1.
            Assert.Contains(found.RootElement.GetProperty("data").EnumerateArray(),
                r => r.GetProperty("game").GetProperty("id").GetString() == id && r.GetProperty("score").GetDouble() == 1);
        }
        Assert.Equal(before + 1, index.SearchesFromMemory);

        await ExecuteAsync("UPDATE games SET name = $2 WHERE id = $1", ct, Guid.Parse(id), renamed);
        try
        {
            // The copy still has the old name, but it is behind the database: SQL answers, with the new name.
            var stale = index.SearchesFromMemory;
            using (var old = await http.GetJsonAsync("/v1/search?type=game&limit=100&q=" + Uri.EscapeDataString(name)))
            {
                // Its description may still tell its old name; as a name it is gone (a text-only match scores at most 0.15).
                var hit = old.RootElement.GetProperty("data").EnumerateArray().Where(r => r.GetProperty("game").GetProperty("id").GetString() == id).ToList();
                Assert.True(hit.Count == 0 || hit[0].GetProperty("score").GetDouble() <= 0.15, "the old name still scores as a name");
            }
            Assert.Equal(stale, index.SearchesFromMemory);
            using (var fresh = await http.GetJsonAsync("/v1/search?type=game&q=zyxwvut"))
            {
                Assert.Equal(id, Ids(fresh).Single());
            }

            // Reloaded, memory answers again and knows the new name.
            await GameIndexProbe.CaughtUpAsync(synthetic.Api, synthetic.ConnectionString);
            var reloaded = index.SearchesFromMemory;
            using (var again = await http.GetJsonAsync("/v1/search?type=game&q=zyxwvut"))
            {
                Assert.Equal(id, Ids(again).Single());
            }
            Assert.Equal(reloaded + 1, index.SearchesFromMemory);
        }
        finally
        {
            await ExecuteAsync("UPDATE games SET name = $2 WHERE id = $1", CancellationToken.None, Guid.Parse(id), name);
        }
    }

    [Fact]
    public async Task ANewDescriptionIsFoundByItsWordsAndTheOldOneNoLonger()
    {
        var ct = TestContext.Current.CancellationToken;
        var (index, http, id, _) = await CaughtUpWithAGameAsync(ct);
        var description = await ScalarAsync<string>("SELECT description FROM games WHERE id = $1", ct, Guid.Parse(id));
        // A word of a few other games' names (so memory finds the names, and the text arm has room), not of this one's.
        var word = await ScalarAsync<string>(
            "SELECT w FROM (SELECT unnest(tsvector_to_array(names)) AS w FROM game_search_names) AS words WHERE w ~ '^[a-z]{6,}$' " +
            "AND w NOT IN (SELECT unnest(tsvector_to_array(names)) FROM game_search_names WHERE game_id = $1) " +
            "GROUP BY w HAVING count(*) BETWEEN 2 AND 30 ORDER BY w LIMIT 1", ct, Guid.Parse(id));
        string? ScoreOfTheGame(JsonDocument page) => page.RootElement.GetProperty("data").EnumerateArray()
            .Where(r => r.GetProperty("game").GetProperty("id").GetString() == id)
            .Select(r => r.GetProperty("score").GetRawText()).SingleOrDefault();

        using (var before = await http.GetJsonAsync("/v1/search?type=game&limit=100&q=" + word))
        {
            Assert.Null(ScoreOfTheGame(before));
        }
        await ExecuteAsync("UPDATE games SET description = $2 WHERE id = $1", ct, Guid.Parse(id), $"A tale of {word} and quixotic lamplighters.");
        try
        {
            // Whether SQL answers (the copy is behind) or memory does (reloaded), the new words find it.
            using (var found = await http.GetJsonAsync("/v1/search?type=game&limit=100&q=" + word))
            {
                Assert.NotNull(ScoreOfTheGame(found));
            }
            await GameIndexProbe.CaughtUpAsync(synthetic.Api, synthetic.ConnectionString);
            var fromMemory = index.SearchesFromMemory;
            using (var found = await http.GetJsonAsync("/v1/search?type=game&limit=100&q=" + word))
            {
                // Found only in its description: a text-only score.
                Assert.InRange(double.Parse(ScoreOfTheGame(found) ?? "0", System.Globalization.CultureInfo.InvariantCulture), 0.000001, 0.15);
            }
            Assert.Equal(fromMemory + 1, index.SearchesFromMemory);
        }
        finally
        {
            await ExecuteAsync("UPDATE games SET description = $2 WHERE id = $1", CancellationToken.None, Guid.Parse(id), description);
        }
        await GameIndexProbe.CaughtUpAsync(synthetic.Api, synthetic.ConnectionString);
        using var after = await http.GetJsonAsync("/v1/search?type=game&limit=100&q=" + word);
        Assert.Null(ScoreOfTheGame(after));
    }

    /// <summary>Follows next links on both Apis, comparing every page; returns the number of pages.</summary>
    private static async Task<int> WalkAsync(HttpClient memory, HttpClient sql, string start)
    {
        string? href = start;
        var pages = 0;
        while (href is not null)
        {
            using var mine = await memory.GetJsonAsync(href);
            using var theirs = await sql.GetJsonAsync(href);
            Assert.True(Comparable(theirs) == Comparable(mine), $"{href}: memory and SQL disagree:\n{Comparable(mine)}\n---\n{Comparable(theirs)}");
            pages++;
            var next = mine.RootElement.GetProperty("_links").GetProperty("next");
            href = next.ValueKind == JsonValueKind.Null ? null : next.GetProperty("href").GetString();
            Assert.True(pages < 50, $"{start}: more than 50 pages");
        }
        return pages;
    }

    private static string Comparable(JsonDocument page)
    {
        var meta = page.RootElement.GetProperty("meta");
        var results = page.RootElement.GetProperty("data").EnumerateArray().Select(r =>
        {
            var type = r.GetProperty("result_type").GetString()!;
            return $"{type} {r.GetProperty(type).GetProperty("id")} {r.GetProperty("score").GetRawText()}";
        });
        return $"total={meta.GetProperty("total")} next={meta.GetProperty("next_cursor")} prev={meta.GetProperty("prev_cursor")}\n" + string.Join("\n", results);
    }

    private static IEnumerable<string> Ids(JsonDocument page) =>
        page.RootElement.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("game").GetProperty("id").GetString()!);

    /// <summary>
    /// Queries of every shape: first words, two words, word prefixes, whole names (exact), common words,
    /// digits, letters in other cases, punctuation, misspellings, non-ASCII text and names of the samples.
    /// </summary>
    private async Task<List<string>> QueriesAsync(CancellationToken ct)
    {
        var names = new List<string>();
        await using (var connection = new NpgsqlConnection(synthetic.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT name FROM games WHERE status = 'active' ORDER BY md5(name) LIMIT 25", connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        }
        var queries = new List<string> { "the", "spirit island", "Terraforming Mars", "spirit: island!", "SPIRIT", "mars 2", "7 wonders", "terrafor",
            "spirt islnd", "テラフォーミング", "the the", "ab", "x y",
            // Words of descriptions more than of names: the text arm, from a few matches to past its bound of 200.
            "ruthless generals", "prosperous metropolis", "whales", "careful legacy building", "stock holding auction", "cooperative",
            "fan-made expansion", "the and of", "merchants racing" };
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            queries.Add((i % 5) switch
            {
                0 => words[0],
                1 => string.Join(' ', words.Take(2)),
                2 => name,
                3 => words[^1][..Math.Min(3, words[^1].Length)] + (words[^1].Length < 2 ? "x" : ""),
                _ => name.ToUpperInvariant().Replace(' ', '-'),
            });
        }
        return queries;
    }

    /// <summary>The Api's index once caught up with the database, a client, and a base game with a plain ASCII name.</summary>
    private async Task<(OpenTabletop.Api.Games.Listing.InMemory.GameIndex Index, HttpClient Http, string Id, string Name)> CaughtUpWithAGameAsync(CancellationToken ct)
    {
        await GameIndexProbe.CaughtUpAsync(synthetic.Api, synthetic.ConnectionString);
        var (id, name) = await FirstGameAsync(ct);
        return (GameIndexProbe.IndexOf(synthetic.Api), synthetic.Api.CreateClient(), id, name);
    }

    private async Task<(string Id, string Name)> FirstGameAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(synthetic.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT id, name FROM games WHERE status = 'active' AND type = 'base_game' AND name ~ '^[A-Za-z ]+$' ORDER BY md5(slug) LIMIT 1", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetGuid(0).ToString(), reader.GetString(1));
    }

    private async Task<T> ScalarAsync<T>(string sql, CancellationToken ct, params object[] values)
    {
        await using var connection = new NpgsqlConnection(synthetic.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct, params object[] values)
    {
        await using var connection = new NpgsqlConnection(synthetic.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync(ct);
    }
}
