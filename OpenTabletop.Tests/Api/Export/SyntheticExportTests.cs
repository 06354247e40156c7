using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api.Export;

/// <summary>
/// Exports of a few thousand synthetic games: the same games as paging through the list for every kind
/// of filter and sort, one snapshot however long the client takes, and streamed as the client reads.
/// </summary>
public sealed class SyntheticExportTests(ExportCatalogue catalogue) : IClassFixture<ExportCatalogue>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("")]
    [InlineData("sort=rating&order=desc&year_min=2010")]
    [InlineData("type=base_game&players=3&sort=weight&order=desc")]
    [InlineData("mechanics=cooperative,deck-building&theme_not=horror&year_min=2000&sort=year_published&order=desc")]
    [InlineData("effective=true&players=5&weight_max=4&sort=rating&order=desc")]
    [InlineData("community_playtime_max=90&sort=community_playtime_median")]
    public async Task BothFormatsHoldTheListsGamesInTheListsOrder(string query)
    {
        using var http = catalogue.Api.CreateClient();
        var (listed, _) = await http.ListAllAsync(query);

        var jsonl = await http.ReadJsonLinesAsync(query);
        var csv = await http.ReadCsvAsync(query);

        Assert.True(listed.Count > 100, $"only {listed.Count} games match '{query}'");
        ExportReading.AssertSameGames(jsonl, listed);
        ExportReading.AssertSameGames(csv, listed);
    }

    [Fact]
    public async Task ChangesCommittedWhileAnExportStreamsAreNotInIt()
    {
        var last = await ScalarsAsync("SELECT slug FROM games WHERE status = 'active' ORDER BY sort_name DESC, id DESC LIMIT 2");
        var (changed, archived) = (last[0], last[1]);
        var before = catalogue.Metrics.RowsWritten;
        using var http = catalogue.SlowReadingClient();
        using var response = await http.GetAsync("/v1/export/games?format=jsonl", HttpCompletionOption.ResponseHeadersRead, Ct);
        var count = int.Parse(ExportReading.Header(response.Headers, "X-Export-Row-Count")!, System.Globalization.CultureInfo.InvariantCulture);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        var lines = new List<string> { (await reader.ReadLineAsync(Ct))!, (await reader.ReadLineAsync(Ct))! };

        // Mid-stream (the server is held back by the client, far from the end): a game added, one changed, one archived.
        await ExecuteAsync("INSERT INTO games (id, slug, name, type, status) VALUES (gen_random_uuid(), 'zzzz-added-mid-export', 'Zzzz Added Mid Export', 'base_game', 'active')");
        await ExecuteAsync($"UPDATE games SET description = 'changed mid-export' WHERE slug = '{changed}'");
        await ExecuteAsync($"UPDATE games SET status = 'archived' WHERE slug = '{archived}'");
        Assert.True(catalogue.Metrics.RowsWritten - before < count, "the export had already finished; the test proves nothing");
        while (await reader.ReadLineAsync(Ct) is { } line) lines.Add(line);

        var games = lines.Skip(1).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(count, games.Count);
        Assert.Equal(count, JsonDocument.Parse(lines[0]).RootElement.GetProperty("row_count").GetInt32());
        var slugs = ExportReading.Slugs(games);
        Assert.DoesNotContain("zzzz-added-mid-export", slugs);
        Assert.Contains(archived, slugs);
        Assert.NotEqual("changed mid-export", games.Single(g => g.GetProperty("slug").GetString() == changed).TryGetProperty("description", out var d) ? d.GetString() : null);

        // The next export sees them.
        var after = await catalogue.Api.CreateClient().ReadJsonLinesAsync("");
        var afterSlugs = after.Lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("slug").GetString()).ToList();
        Assert.Contains("zzzz-added-mid-export", afterSlugs);
        Assert.DoesNotContain(archived, afterSlugs);
        Assert.Equal(count, after.Lines.Count);
    }

    [Fact]
    public async Task TheServerStreamsAsTheClientReadsInsteadOfBufferingTheExport()
    {
        var before = catalogue.Metrics.RowsWritten;
        using var http = catalogue.SlowReadingClient();

        // The headers (with the row count) arrive before the rows are written: nothing waits for the body to be complete.
        using var response = await http.GetAsync("/v1/export/games?format=csv", HttpCompletionOption.ResponseHeadersRead, Ct);
        var count = int.Parse(ExportReading.Header(response.Headers, "X-Export-Row-Count")!, System.Globalization.CultureInfo.InvariantCulture);
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        var start = new byte[1024];
        await body.ReadExactlyAsync(start, Ct);

        // The client stops reading: the server goes on only as far as the buffers between them hold, then waits.
        var progress = new List<long>();
        await Deadline.PollAsync(
            () =>
            {
                progress.Add(catalogue.Metrics.RowsWritten - before);
                return Task.FromResult(progress);
            },
            p => p.Count >= 4 && p[^1] > 0 && p[^4] == p[^1], TimeSpan.FromSeconds(20), Ct);
        var heldAt = progress[^1];

        // Then it reads on, and gets everything.
        var rest = new MemoryStream();
        await body.CopyToAsync(rest, Ct);
        var text = Encoding.UTF8.GetString(start) + Encoding.UTF8.GetString(rest.ToArray());

        Assert.True(count > 2_500, $"only {count} games");
        Assert.True(heldAt < count / 3, $"the server wrote {heldAt} of {count} rows while the client read 1 KB: it does not stream");
        Assert.Equal(count, catalogue.Metrics.RowsWritten - before);
        Assert.StartsWith("id,slug,name,", text);
        Assert.EndsWith("\r\n", text);
    }

    [Fact]
    public async Task AClientThatHangsUpStopsTheQueryAndGivesItsConnectionBack()
    {
        const string running = "SELECT count(*)::text FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() " +
                               "AND query LIKE '%FROM game_facets g JOIN games w%' AND state <> 'idle'";
        var before = catalogue.Metrics.RowsWritten;
        using (var http = catalogue.SlowReadingClient())
        {
            using var response = await http.GetAsync("/v1/export/games?format=jsonl", HttpCompletionOption.ResponseHeadersRead, Ct);
            await using var body = await response.Content.ReadAsStreamAsync(Ct);
            await body.ReadExactlyAsync(new byte[4096], Ct);
            Assert.Equal(["1"], await ScalarsAsync(running));
        }

        // Disposed mid-stream: the export's query is cancelled (not read to its end) and its transaction ends.
        var left = await Deadline.PollAsync(() => ScalarsAsync(running), n => n is ["0"], TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(["0"], left);
        Assert.True(catalogue.Metrics.RowsWritten - before < 1_000, $"{catalogue.Metrics.RowsWritten - before} rows written for a client that read 4 KB");
        var next = await catalogue.Api.CreateClient().ReadCsvAsync("type=promo");
        Assert.NotEmpty(next.Rows);
    }

    private async Task<List<string>> ScalarsAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(catalogue.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var values = new List<string>();
        while (await reader.ReadAsync(Ct)) values.Add(reader.GetString(0));
        return values;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(catalogue.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
