using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using Npgsql;
using OpenTabletop.Api.Search;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>GET /v1/search on the sample data: ranking, typo and prefix tolerance, filters, paging and errors.</summary>
public sealed class SearchTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    [Fact]
    public async Task ExactNameScoresOneAndComesFirstAheadOfItsExpansions()
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = await Http.GetAsync("/v1/search?q=Spirit%20Island", ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        using var page = Validated(body);
        var results = Results(page);
        Assert.Equal(("game", "spirit-island", 1.0), results[0]);
        Assert.All(results.Skip(1), r => Assert.True(r.Score < 1.0, $"{r.Slug} scored {r.Score}"));
        // All six add-ons have the name in theirs and outrank anything found only in a description.
        Assert.Equal(
            ["spirit-island-branch-and-claw", "spirit-island-horizons", "spirit-island-jagged-earth",
             "spirit-island-nature-incarnate", "spirit-island-promo-pack-1", "spirit-island-promo-pack-2"],
            results.Skip(1).Take(6).Select(r => r.Slug).Order());
        Assert.All(results.Skip(1).Take(6), r => Assert.Equal("game", r.Type));
        Assert.All(results.Skip(7), r => Assert.True(r.Score < results[6].Score));
    }

    [Theory]
    [InlineData("terrafor", "terraforming-mars")]
    [InlineData("spirit iland", "spirit-island")]
    [InlineData("Terraformng Mars", "terraforming-mars")]
    public async Task PrefixesAndMisspellingsFindTheGame(string q, string slug)
    {
        using var page = await SearchAsync($"q={Uri.EscapeDataString(q)}");

        var first = Results(page)[0];
        Assert.Equal(("game", slug), (first.Type, first.Slug));
        Assert.InRange(first.Score, 0.3, 0.99);
    }

    [Fact]
    public async Task AlternateNamesInAnyLanguageAreNames()
    {
        using var exact = await SearchAsync("q=" + Uri.EscapeDataString("テラフォーミング・マーズ"));
        using var partial = await SearchAsync("q=" + Uri.EscapeDataString("스피릿"));

        Assert.Equal(("game", "terraforming-mars", 1.0), Results(exact)[0]);
        Assert.Equal(("game", "spirit-island"), (Results(partial)[0].Type, Results(partial)[0].Slug));
        Assert.InRange(Results(partial)[0].Score, 0.3, 0.99);
    }

    [Fact]
    public async Task DesignersPublishersMechanicsAndCategoriesAreFoundByName()
    {
        using var designer = await SearchAsync("q=reuss");
        using var publisher = await SearchAsync("q=fryxgames");
        using var mechanic = await SearchAsync("q=card%20drafting");
        using var category = await SearchAsync("q=dungeon%20crawler");
        using var synonym = await SearchAsync("q=bidding");
        using var nameOverSynonym = await SearchAsync("q=cooperative%20game");

        Assert.Equal(("designer", "r-eric-reuss"), (Results(designer)[0].Type, Results(designer)[0].Slug));
        Assert.Equal(("publisher", "fryxgames", 1.0), Results(publisher)[0]);
        Assert.Equal(("mechanic", "card-drafting", 1.0), Results(mechanic)[0]);
        Assert.Equal(("category", "dungeon-crawler", 1.0), Results(category)[0]);
        // A synonym ("bidding" of auction) finds its term, just short of an exact name; the category
        // named "Cooperative Game" outranks the mechanic with that synonym.
        Assert.Equal(("mechanic", "auction"), (Results(synonym)[0].Type, Results(synonym)[0].Slug));
        Assert.InRange(Results(synonym)[0].Score, 0.85, 0.99);
        Assert.Equal(("category", "cooperative-game", 1.0), Results(nameOverSynonym)[0]);
        Assert.Equal(("mechanic", "cooperative"), (Results(nameOverSynonym)[1].Type, Results(nameOverSynonym)[1].Slug));
    }

    [Fact]
    public async Task EntitiesAreTheSameObjectsTheirOwnEndpointsAnswer()
    {
        using var page = await SearchAsync("q=terraforming%20mars");
        using var designers = await SearchAsync("q=jacob%20fryxelius&type=designer");
        using var mechanics = await SearchAsync("q=card%20drafting&type=mechanic");
        using var game = await Http.GetJsonAsync("/v1/games/terraforming-mars");
        using var designer = await Http.GetJsonAsync("/v1/designers/jacob-fryxelius");
        using var mechanic = await Http.GetJsonAsync("/v1/mechanics/card-drafting");

        var first = page.RootElement.GetProperty("data")[0];
        Assert.Equal("game", first.GetProperty("result_type").GetString());
        Assert.Equal(game.RootElement.GetRawText(), first.GetProperty("game").GetRawText());
        Assert.Equal(["game", "result_type", "score"], first.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(designer.RootElement.GetRawText(), designers.RootElement.GetProperty("data")[0].GetProperty("designer").GetRawText());
        Assert.Equal(mechanic.RootElement.GetRawText(), mechanics.RootElement.GetProperty("data")[0].GetProperty("mechanic").GetRawText());
    }

    [Fact]
    public async Task DescriptionsAreSearchedButRankBelowNames()
    {
        // "colonizers" is only in Spirit Island's short description; "Greater Than Games" publishes it.
        using var description = await SearchAsync("q=colonizers");
        using var mixed = await SearchAsync("q=spirit%20island&type=game,publisher");

        Assert.Equal(["spirit-island"], Results(description).Select(r => r.Slug));
        Assert.InRange(Results(description)[0].Score, 0.000001, 0.2);
        var publisher = Assert.Single(Results(mixed), r => r.Type == "publisher");
        Assert.Equal("greater-than-games", publisher.Slug);
        Assert.All(Results(mixed).Where(r => r.Type == "game"), r => Assert.True(r.Score > publisher.Score));
    }

    [Fact]
    public async Task OnlyActiveGamesAreFound()
    {
        await ExecuteAsync("UPDATE games SET status = 'archived' WHERE slug = 'terraforming-mars'");

        using var page = await SearchAsync("q=terraforming%20mars&type=game");

        Assert.Empty(page.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal(0, page.RootElement.GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task TypeFilterKeepsTheListedTypes()
    {
        using var all = await SearchAsync("q=spirit%20island");
        using var designers = await SearchAsync("q=spirit%20island&type=designer");
        using var two = await SearchAsync("q=spirit%20island&type=publisher,%20designer");
        using var games = await SearchAsync("q=spirit%20island&type=game");

        var everything = Results(all);
        Assert.Equal(["designer", "game", "publisher"], everything.Select(r => r.Type).Distinct().Order());
        Assert.Equal(everything.Where(r => r.Type == "designer"), Results(designers));
        Assert.Equal(everything.Where(r => r.Type is "designer" or "publisher"), Results(two));
        Assert.Equal(everything.Where(r => r.Type == "game"), Results(games));
        Assert.Equal(everything.Count, Total(all));
        Assert.Equal(Total(two) + Total(games), Total(all));
    }

    [Fact]
    public async Task PagingOneAtATimeVisitsEveryResultOnceInScoreOrderBothWays()
    {
        using var whole = await SearchAsync("q=spirit&limit=100");
        var expected = Results(whole);
        Assert.True(expected.Count >= 5, $"only {expected.Count} results");

        var forwards = new List<(string Type, string Slug, double Score)>();
        var pages = new List<string>();
        string? href = "/v1/search?q=spirit&limit=1";
        while (href is not null)
        {
            using var page = await SearchAsync(href["/v1/search?".Length..]);
            forwards.AddRange(Results(page));
            Assert.Equal(expected.Count, Total(page));
            pages.Add(href);
            href = Href(page, "next");
            Assert.Equal(href is not null, page.RootElement.GetProperty("meta").GetProperty("has_more").GetBoolean());
        }
        Assert.Equal(expected, forwards);

        var backwards = new List<(string Type, string Slug, double Score)>();
        using (var last = await SearchAsync(pages[^1]["/v1/search?".Length..]))
        {
            backwards.AddRange(Results(last));
            href = Href(last, "prev");
        }
        while (href is not null)
        {
            using var page = await SearchAsync(href["/v1/search?".Length..]);
            backwards.AddRange(Results(page));
            href = Href(page, "prev");
        }
        backwards.Reverse();
        Assert.Equal(expected, backwards);
    }

    [Fact]
    public async Task CursorIsBoundToItsQueryAndTypes()
    {
        using var page = await SearchAsync("q=spirit&limit=2");
        var cursor = page.RootElement.GetProperty("meta").GetProperty("next_cursor").GetString()!;

        // The same query however it is spaced: the cursor still belongs to it.
        using var next = await SearchAsync(Href(page, "next")!["/v1/search?".Length..]);
        using var respaced = await SearchAsync($"q=%20spirit%20&limit=2&cursor={cursor}");
        Assert.Equal(Results(next), Results(respaced));

        Assert.Equal([("cursor", "invalid_cursor")], await ProblemErrorsAsync($"q=island&limit=2&cursor={cursor}"));
        Assert.Equal([("cursor", "invalid_cursor")], await ProblemErrorsAsync($"q=spirit&type=game&limit=2&cursor={cursor}"));
        Assert.Equal([("cursor", "invalid_cursor")], await ProblemErrorsAsync("q=spirit&cursor=not-a-cursor"));
    }

    [Theory]
    [InlineData("", "q", "required")]
    [InlineData("q=a", "q", "too_short")]
    [InlineData("q=%20%20a%20%20", "q", "too_short")]
    [InlineData("q=spirit&type=game,expansion", "type", "invalid_enum")]
    [InlineData("q=spirit&type=theme", "type", "invalid_enum")]
    [InlineData("q=spirit&limit=101", "limit", "out_of_range")]
    public async Task InvalidParametersAreValidationProblems(string query, string field, string code) =>
        Assert.Equal([(field, code)], await ProblemErrorsAsync(query));

    [Fact]
    public async Task OverlongQueryAndEveryOtherBadParameterAreListedInOneProblem()
    {
        var errors = await ProblemErrorsAsync($"q={new string('x', 201)}&type=games&limit=0");

        Assert.Equal([("limit", "out_of_range"), ("q", "too_long"), ("type", "invalid_enum")], errors.Order());
    }

    [Fact]
    public async Task QueryTextIsDataNeverSyntax()
    {
        // tsquery operators, quotes and SQL punctuation are separators, not syntax.
        using var page = await SearchAsync("q=" + Uri.EscapeDataString("spirit' & !island:* | ( ); --"));
        using var symbols = await SearchAsync("q=" + Uri.EscapeDataString("&|!"));

        Assert.Equal("spirit-island", Results(page)[0].Slug);
        Assert.Empty(symbols.RootElement.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task ThePlanIsTheRankingTheEndpointRuns()
    {
        // The benchmark issues SearchApi.PlanOf's statements directly; they must be the endpoint's own.
        var ct = TestContext.Current.CancellationToken;
        using var page = await SearchAsync("q=spirit&type=game,designer&limit=5");
        var plan = SearchApi.PlanOf("spirit", "game,designer", "5", null);

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        // The page carries its total in a column, so there is no count statement.
        Assert.Null(plan!.Count);
        await using var command = new NpgsqlCommand(plan.Select.Sql, connection);
        foreach (var value in plan.Select.Values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var ranked = new List<(string Type, double Score, int Total)>();
        while (await reader.ReadAsync(ct)) ranked.Add((reader.GetString(1), (double)reader.GetDecimal(3), reader.GetInt32(reader.GetOrdinal("total"))));

        Assert.Equal(Results(page).Select(r => (r.Type, r.Score)), ranked.Take(5).Select(r => (r.Type, r.Score)));
        Assert.All(ranked, r => Assert.Equal(Total(page), r.Total));
        Assert.Null(SearchApi.PlanOf("x", null, null, null));
    }

    [Fact]
    public async Task TheRankingRunsOnOneGenericPlanWithoutLeavingItToOtherStatements()
    {
        var ct = TestContext.Current.CancellationToken;
        // One physical connection, so the searches and the check below share the session.
        await using var api = ApiFactory.Start(ConnectionString, ("DATABASE_POOL_SIZE", "1"));
        var http = api.CreateClient();
        foreach (var q in new[] { "spirit island", "terrafor", "spirt islnd", "spirit", "mars" })
        {
            using var response = await http.GetAsync("/v1/search?type=game&q=" + Uri.EscapeDataString(q), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            Assert.True(response.IsSuccessStatusCode, body);
            Assert.Contains("\"result_type\":\"game\"", body);
        }

        var dataSource = api.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // Back from the pool, the session has its default again...
        await using (var show = new NpgsqlCommand("SHOW plan_cache_mode", connection))
        {
            Assert.Equal("auto", (string?)await show.ExecuteScalarAsync(ct));
        }
        // ...and the rankings (by SQL alone, and with the names found in memory), prepared on this connection, ran on their
        // generic plans every time, never planned per search.
        await using var plans = new NpgsqlCommand(
            "SELECT coalesce(sum(generic_plans), 0)::int, coalesce(sum(custom_plans), 0)::int FROM pg_prepared_statements WHERE statement LIKE '%) AS scored%'", connection);
        await using var reader = await plans.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        Assert.True(reader.GetInt32(0) >= 5, $"{reader.GetInt32(0)} generic plans");
        Assert.Equal(0, reader.GetInt32(1));
    }

    private async Task<JsonDocument> SearchAsync(string query)
    {
        using var response = await Http.GetAsync("/v1/search?" + query, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {body}");
        return Validated(body);
    }

    /// <summary>Every 200 body: the spec's schema, scores within 0–1 and never increasing.</summary>
    private static JsonDocument Validated(string body)
    {
        SpecSchema.AssertValid("/search", "get", 200, body);
        var document = JsonDocument.Parse(body);
        var scores = document.RootElement.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("score").GetDouble()).ToList();
        Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));
        Assert.True(scores.SequenceEqual(scores.OrderDescending()), "scores are not in descending order: " + string.Join(", ", scores));
        return document;
    }

    private static List<(string Type, string Slug, double Score)> Results(JsonDocument page) =>
        [.. page.RootElement.GetProperty("data").EnumerateArray().Select(r =>
        {
            var type = r.GetProperty("result_type").GetString()!;
            return (type, r.GetProperty(type).GetProperty("slug").GetString()!, r.GetProperty("score").GetDouble());
        })];

    private static int Total(JsonDocument page) => page.RootElement.GetProperty("meta").GetProperty("total").GetInt32();

    private static string? Href(JsonDocument page, string rel)
    {
        var link = page.RootElement.GetProperty("_links").GetProperty(rel);
        return link.ValueKind == JsonValueKind.Null ? null : link.GetProperty("href").GetString();
    }

    private async Task<List<(string Field, string Code)>> ProblemErrorsAsync(string query)
    {
        using var response = await Http.GetAsync("/v1/search?" + query, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(SpecSchema.ValidateSchema("ErrorResponse.yaml", "ErrorResponse", body));
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("https://api.opentabletop.org/problems/validation-error", problem.RootElement.GetProperty("type").GetString());
        return [.. problem.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("code").GetString()!))];
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
