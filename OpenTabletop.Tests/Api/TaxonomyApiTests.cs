using System.Net;
using System.Text.Json;
using Npgsql;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

public sealed class TaxonomyApiTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    [Theory]
    [InlineData("mechanics", 121)]
    [InlineData("categories", 32)]
    [InlineData("themes", 43)]
    public async Task FirstPageCarriesTheEnvelopeAndANextLinkThatKeepsTheQuery(string path, int total)
    {
        using var page = await GetJsonAsync($"/v1/{path}?limit=10&order=asc");

        var meta = page.RootElement.GetProperty("meta");
        Assert.Equal(total, meta.GetProperty("total").GetInt32());
        Assert.Equal(10, meta.GetProperty("limit").GetInt32());
        Assert.True(meta.GetProperty("has_more").GetBoolean());
        Assert.Equal(JsonValueKind.Null, meta.GetProperty("prev_cursor").ValueKind);
        Assert.Equal(10, page.RootElement.GetProperty("data").GetArrayLength());
        var links = page.RootElement.GetProperty("_links");
        Assert.Equal($"/v1/{path}?limit=10&order=asc", links.GetProperty("self").GetProperty("href").GetString());
        var next = links.GetProperty("next").GetProperty("href").GetString()!;
        Assert.StartsWith($"/v1/{path}?limit=10&order=asc&cursor=", next);
        Assert.Equal(JsonValueKind.Null, links.GetProperty("prev").ValueKind);
        var first = page.RootElement.GetProperty("data")[0];
        foreach (var field in new[] { "id", "slug", "name", "description", "game_count", "parent", "children" })
        {
            Assert.True(first.TryGetProperty(field, out _), $"missing {field}");
        }
    }

    [Theory]
    [InlineData("mechanics")]
    [InlineData("categories")]
    [InlineData("themes")]
    public async Task PagingForwardAndBackVisitsEveryTermOnceUnderEverySortAndOrder(string path)
    {
        var expectedSlugs = await SlugsInDatabaseAsync(path);
        foreach (var sort in new[] { "name", "slug", "game_count" })
        {
            foreach (var order in new[] { "asc", "desc" })
            {
                var pages = new List<List<JsonElement>>();
                string? href = $"/v1/{path}?sort={sort}&order={order}&limit=7";
                while (href is not null)
                {
                    using var page = await GetJsonAsync(href);
                    pages.Add([.. page.RootElement.GetProperty("data").EnumerateArray().Select(e => e.Clone())]);
                    var next = page.RootElement.GetProperty("_links").GetProperty("next");
                    Assert.Equal(next.ValueKind != JsonValueKind.Null, page.RootElement.GetProperty("meta").GetProperty("has_more").GetBoolean());
                    href = next.ValueKind == JsonValueKind.Null ? null : next.GetProperty("href").GetString();
                }

                var visited = pages.SelectMany(p => p).ToList();
                var slugs = visited.Select(e => e.GetProperty("slug").GetString()!).ToList();
                Assert.Equal(expectedSlugs.Count, slugs.Count);
                Assert.Equal(expectedSlugs.Order(), slugs.Order());
                Assert.Equal(
                    sort == "name" ? await IdsByNameAsync(path, order == "desc") : Sorted(visited, sort, order == "desc").Select(e => e.GetProperty("id").GetGuid()).ToList(),
                    visited.Select(e => e.GetProperty("id").GetGuid()).ToList());

                // And back again: prev links from the last page reproduce every earlier page.
                href = await PrevHrefOfLastPageAsync(path, sort, order);
                for (var index = pages.Count - 2; index >= 0; index--)
                {
                    Assert.NotNull(href);
                    using var page = await GetJsonAsync(href!);
                    Assert.Equal(pages[index].Select(e => e.GetProperty("slug").GetString()), page.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("slug").GetString()));
                    var prev = page.RootElement.GetProperty("_links").GetProperty("prev");
                    href = prev.ValueKind == JsonValueKind.Null ? null : prev.GetProperty("href").GetString();
                }
                Assert.Null(href);
            }
        }
    }

    [Fact]
    public async Task TermsShowHierarchyAndCountOnlyActiveGames()
    {
        using (var term = await GetJsonAsync("/v1/mechanics/hand-management"))
        {
            Assert.Equal(2, term.RootElement.GetProperty("game_count").GetInt32());
        }
        using (var root = await GetJsonAsync("/v1/mechanics/dice-rolling"))
        {
            var children = root.RootElement.GetProperty("children").EnumerateArray().Select(c => c.GetString()!).ToList();
            Assert.NotEmpty(children);
            foreach (var child in children)
            {
                using var detail = await GetJsonAsync($"/v1/mechanics/{child}");
                Assert.Equal("dice-rolling", detail.RootElement.GetProperty("parent").GetString());
            }
        }

        await ExecuteAsync("UPDATE games SET status = 'archived' WHERE slug = 'terraforming-mars'");
        using var after = await GetJsonAsync("/v1/mechanics/hand-management");

        Assert.Equal(1, after.RootElement.GetProperty("game_count").GetInt32());
    }

    [Fact]
    public async Task UnknownTermIsANotFoundProblem()
    {
        using var response = await Http.GetAsync("/v1/themes/no-such-theme", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task EveryBadParameterIsListedInOneProblem()
    {
        var errors = await ProblemErrorsAsync("/v1/mechanics?limit=0&sort=popularity&order=sideways");

        Assert.Equal(["limit", "order", "sort"], errors.Select(e => e.Field).Order());
        Assert.Contains(("limit", "out_of_range"), errors);
        Assert.Contains(("sort", "invalid_enum"), errors);
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("eyJ2IjoxfQ")]
    public async Task GarbageCursorIsRefused(string cursor) =>
        Assert.Equal([("cursor", "invalid_cursor")], await ProblemErrorsAsync($"/v1/mechanics?cursor={cursor}"));

    [Fact]
    public async Task CursorUsedWithAnotherSortOrVocabularyIsRefused()
    {
        using var page = await GetJsonAsync("/v1/mechanics?limit=5");
        var cursor = page.RootElement.GetProperty("meta").GetProperty("next_cursor").GetString();

        Assert.Equal([("cursor", "invalid_cursor")], await ProblemErrorsAsync($"/v1/mechanics?limit=5&sort=slug&cursor={cursor}"));
        Assert.Equal([("cursor", "invalid_cursor")], await ProblemErrorsAsync($"/v1/themes?limit=5&cursor={cursor}"));
    }

    private async Task<string?> PrevHrefOfLastPageAsync(string path, string sort, string order)
    {
        string? href = $"/v1/{path}?sort={sort}&order={order}&limit=7";
        while (true)
        {
            using var page = await GetJsonAsync(href!);
            var links = page.RootElement.GetProperty("_links");
            if (links.GetProperty("next").ValueKind == JsonValueKind.Null)
            {
                var prev = links.GetProperty("prev");
                return prev.ValueKind == JsonValueKind.Null ? null : prev.GetProperty("href").GetString();
            }
            href = links.GetProperty("next").GetProperty("href").GetString();
        }
    }

    private static List<JsonElement> Sorted(List<JsonElement> rows, string sort, bool descending)
    {
        // The sort key, then the id, both in the requested direction (uuid order is its hex text order).
        // Names follow the server's collation, so that order comes from the database (IdsByNameAsync).
        IEnumerable<JsonElement> ordered = sort switch
        {
            "game_count" => descending
                ? rows.OrderByDescending(r => r.GetProperty("game_count").GetInt32()).ThenByDescending(r => r.GetProperty("id").GetGuid().ToString())
                : rows.OrderBy(r => r.GetProperty("game_count").GetInt32()).ThenBy(r => r.GetProperty("id").GetGuid().ToString()),
            "slug" => descending
                ? rows.OrderByDescending(r => r.GetProperty("slug").GetString(), StringComparer.Ordinal)
                : rows.OrderBy(r => r.GetProperty("slug").GetString(), StringComparer.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "ordered by the database"),
        };
        return ordered.ToList();
    }

    private async Task<List<Guid>> IdsByNameAsync(string table, bool descending)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        var direction = descending ? " DESC" : " ASC";
        // The table name is one of three literals from the test data above.
        await using var command = dataSource.CreateCommand("SELECT id FROM " + table + " ORDER BY name" + direction + ", id" + direction);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private async Task<List<string>> SlugsInDatabaseAsync(string table)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        // The table name is one of three literals from the test data above.
        await using var command = dataSource.CreateCommand("SELECT slug FROM " + table);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var slugs = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) slugs.Add(reader.GetString(0));
        return slugs;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private Task<JsonDocument> GetJsonAsync(string href) => Http.GetJsonAsync(href);

    private async Task<List<(string Field, string Code)>> ProblemErrorsAsync(string href)
    {
        using var response = await Http.GetAsync(href, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("https://api.opentabletop.org/problems/validation-error", problem.RootElement.GetProperty("type").GetString());
        return [.. problem.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("code").GetString()!))];
    }
}
