using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTabletop.Api.Games;
using OpenTabletop.Api.Games.Includes;
using OpenTabletop.Api.Http;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

public sealed class GameIncludeTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    private const string SpiritIslandId = "01912f4c-7e3a-7b1a-8c5d-9f0e1a2b3c4d";
    private const string TerraformingMarsId = "01923a5b-8c4d-7e6f-9071-a1b2c3d4e5f6";

    private static readonly string[] IncludeProperties =
    [
        "mechanics", "categories", "themes", "designers", "publishers", "expansions", "editions",
        "effective_properties", "experience_playtime", "alternate_names", "credits", "awards", "polls",
    ];

    private static readonly string All = string.Join(',', IncludeProperties);

    /// <summary>Database commands GET /games/{id}?include=… may cost: the game's lookup, then one batch for every include.</summary>
    private const int CommandBound = 2;

    [Theory]
    [InlineData("spirit-island")]
    [InlineData("terraforming-mars")]
    [InlineData("spirit-island-jagged-earth")]
    public async Task EveryIncludeAtOnceConformsToTheGameSchema(string game)
    {
        await SeedPollsAsync();

        var json = await Http.GetStringAsync($"/v1/games/{game}?include={All}", TestContext.Current.CancellationToken);

        SpecSchema.AssertValid("/games/{id}", "get", 200, json);
        using var body = JsonDocument.Parse(json);
        foreach (var property in IncludeProperties) Assert.True(body.RootElement.TryGetProperty(property, out _), $"missing {property}");
        // Included expansions are Games too, and each one conforms.
        foreach (var expansion in body.RootElement.GetProperty("expansions").EnumerateArray())
        {
            AssertValidSchema("Game.yaml", "Game", expansion);
        }
    }

    [Fact]
    public async Task NothingIsEmbeddedUnlessRequested()
    {
        using var plain = await Http.GetJsonAsync("/v1/games/spirit-island");
        var empty = await Http.GetStringAsync("/v1/games/spirit-island?include=", TestContext.Current.CancellationToken);

        foreach (var property in IncludeProperties) Assert.False(plain.RootElement.TryGetProperty(property, out _), $"unrequested {property}");
        Assert.Equal(plain.RootElement.GetRawText(), empty);
    }

    [Fact]
    public async Task UnknownValuesAreIgnoredAndValuesAreTrimmedAndCaseSensitive()
    {
        var ct = TestContext.Current.CancellationToken;
        var plain = await Http.GetStringAsync("/v1/games/spirit-island", ct);
        var unknown = await Http.GetStringAsync("/v1/games/spirit-island?include=bogus,MECHANICS,Themes,deltas", ct);
        using var mixed = await Http.GetJsonAsync("/v1/games/spirit-island?include=bogus,%20mechanics%20,,awards");

        Assert.Equal(plain, unknown);
        Assert.True(mixed.RootElement.TryGetProperty("mechanics", out _));
        Assert.True(mixed.RootElement.TryGetProperty("awards", out _));
        Assert.Equal(["awards", "mechanics"], IncludeProperties.Where(p => mixed.RootElement.TryGetProperty(p, out _)).Order());
    }

    [Fact]
    public async Task TaxonomyTermsAreTheVocabularyTermsSortedByName()
    {
        using var game = await Http.GetJsonAsync("/v1/games/spirit-island?include=mechanics,categories,themes");

        var mechanics = game.RootElement.GetProperty("mechanics").EnumerateArray().ToList();
        Assert.Equal(
            ["action-points", "area-control", "cooperative", "hand-management", "modular-board", "variable-player-powers"],
            mechanics.Select(m => m.GetProperty("slug").GetString()));
        foreach (var (kind, property) in new[] { ("mechanics", "mechanics"), ("categories", "categories"), ("themes", "themes") })
        {
            var terms = game.RootElement.GetProperty(property).EnumerateArray().ToList();
            Assert.NotEmpty(terms);
            var names = terms.Select(t => t.GetProperty("name").GetString()!).ToList();
            Assert.Equal(names.Order(StringComparer.Ordinal), names);
            foreach (var term in terms)
            {
                // The very shape (and game_count) of the vocabulary endpoint.
                using var own = await Http.GetJsonAsync($"/v1/{kind}/{term.GetProperty("slug").GetString()}");
                Assert.Equal(own.RootElement.GetRawText(), term.GetRawText());
            }
        }
        Assert.Equal(["fantasy", "nature"], game.RootElement.GetProperty("themes").EnumerateArray().Select(t => t.GetProperty("slug").GetString()));
    }

    [Theory]
    [InlineData("spirit-island", "r-eric-reuss", "greater-than-games", 7)]
    [InlineData("terraforming-mars", "jacob-fryxelius", "fryxgames", 1)]
    public async Task DesignersAndPublishersAreThePeopleShapes(string game, string designer, string publisher, int gameCount)
    {
        using var body = await Http.GetJsonAsync($"/v1/games/{game}?include=designers,publishers");
        using var ownDesigner = await Http.GetJsonAsync($"/v1/designers/{designer}");
        using var ownPublisher = await Http.GetJsonAsync($"/v1/publishers/{publisher}");

        // The artist credited on Spirit Island is not a designer.
        var designers = Assert.Single(body.RootElement.GetProperty("designers").EnumerateArray());
        Assert.Equal(ownDesigner.RootElement.GetRawText(), designers.GetRawText());
        Assert.Equal(gameCount, designers.GetProperty("game_count").GetInt32());
        var publishers = Assert.Single(body.RootElement.GetProperty("publishers").EnumerateArray());
        Assert.Equal(ownPublisher.RootElement.GetRawText(), publishers.GetRawText());
        Assert.Equal(gameCount, publishers.GetProperty("game_count").GetInt32());
    }

    [Fact]
    public async Task ExpansionsAreFullGamesLinkingBackToTheirBase()
    {
        using var body = await Http.GetJsonAsync("/v1/games/spirit-island?include=expansions,mechanics");
        using var terraformingMars = await Http.GetJsonAsync("/v1/games/terraforming-mars?include=expansions");

        var expansions = body.RootElement.GetProperty("expansions").EnumerateArray().ToList();
        Assert.Equal(
            ["spirit-island-horizons", "spirit-island-branch-and-claw", "spirit-island-jagged-earth", "spirit-island-nature-incarnate",
             "spirit-island-promo-pack-1", "spirit-island-promo-pack-2"],
            expansions.Select(e => e.GetProperty("slug").GetString()));
        foreach (var expansion in expansions)
        {
            var parent = expansion.GetProperty("_links").GetProperty("parent");
            Assert.Equal("/v1/games/spirit-island", parent.GetProperty("href").GetString());
            Assert.Equal("Spirit Island", parent.GetProperty("title").GetString());
            // Includes never nest: the expansion is exactly GET /games/{slug} plus its parent link.
            var expected = JsonNode.Parse(await Http.GetStringAsync($"/v1/games/{expansion.GetProperty("slug").GetString()}", TestContext.Current.CancellationToken))!;
            expected["_links"]!["parent"] = JsonNode.Parse(parent.GetRawText());
            Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(expansion.GetRawText())), $"{expansion.GetProperty("slug")} differs from its own record");
            Assert.False(expansion.TryGetProperty("mechanics", out _));
        }
        Assert.Equal(0, terraformingMars.RootElement.GetProperty("expansions").GetArrayLength());
    }

    [Theory]
    [InlineData("spirit-island", 2)]
    [InlineData("terraforming-mars", 0)]
    public async Task EditionsAreTheEditionsEndpointsList(string game, int count)
    {
        using var body = await Http.GetJsonAsync($"/v1/games/{game}?include=editions");
        using var editions = await Http.GetJsonAsync($"/v1/games/{game}/editions");

        Assert.Equal(count, body.RootElement.GetProperty("editions").GetArrayLength());
        Assert.Equal(editions.RootElement.GetProperty("editions").GetRawText(), body.RootElement.GetProperty("editions").GetRawText());
    }

    [Theory]
    [InlineData("spirit-island", "canonical")]
    [InlineData("terraforming-mars", "none")]
    public async Task EffectivePropertiesAreTheBaseAloneAsTheEndpointAnswersWithoutWith(string game, string editionSource)
    {
        using var body = await Http.GetJsonAsync($"/v1/games/{game}?include=effective_properties");
        using var endpoint = await Http.GetJsonAsync($"/v1/games/{game}/effective-properties");

        var embedded = body.RootElement.GetProperty("effective_properties");
        Assert.Equal(endpoint.RootElement.GetRawText(), embedded.GetRawText());
        Assert.Equal("base_only", embedded.GetProperty("combination_source").GetString());
        Assert.Equal(editionSource, embedded.GetProperty("edition_source").GetString());
        AssertValidSchema("EffectiveProperties.yaml", "EffectiveProperties", embedded);
    }

    [Theory]
    [InlineData("spirit-island", 4, true)]
    [InlineData("terraforming-mars", 0, false)]
    public async Task ExperiencePlaytimeIsTheEndpointsProfileEvenWithoutData(string game, int levels, bool sufficient)
    {
        using var body = await Http.GetJsonAsync($"/v1/games/{game}?include=experience_playtime");
        using var endpoint = await Http.GetJsonAsync($"/v1/games/{game}/experience-playtime");

        var embedded = body.RootElement.GetProperty("experience_playtime");
        Assert.Equal(endpoint.RootElement.GetRawText(), embedded.GetRawText());
        Assert.Equal(levels, embedded.GetProperty("levels").GetArrayLength());
        Assert.Equal(sufficient, embedded.GetProperty("sufficient_data").GetBoolean());
        Assert.Equal(sufficient, embedded.TryGetProperty("multipliers", out _));
    }

    [Fact]
    public async Task AlternateNamesAreListedByLanguage()
    {
        using var spiritIsland = await Http.GetJsonAsync("/v1/games/spirit-island?include=alternate_names");
        using var terraformingMars = await Http.GetJsonAsync("/v1/games/terraforming-mars?include=alternate_names");

        var names = spiritIsland.RootElement.GetProperty("alternate_names").EnumerateArray().ToList();
        Assert.Equal(["ja", "ko"], names.Select(n => n.GetProperty("language").GetString()));
        Assert.Equal(["スピリット・アイランド", "스피릿 아일랜드"], names.Select(n => n.GetProperty("name").GetString()));
        Assert.All(names, n => Assert.True(n.GetProperty("is_primary").GetBoolean()));
        Assert.All(names, n => Assert.Equal("community", n.GetProperty("source").GetString()));
        var tm = Assert.Single(terraformingMars.RootElement.GetProperty("alternate_names").EnumerateArray());
        Assert.Equal("テラフォーミング・マーズ", tm.GetProperty("name").GetString());
    }

    [Fact]
    public async Task CreditsAreTheExtendedRolesOnly()
    {
        using var before = await Http.GetJsonAsync("/v1/games/spirit-island?include=credits");
        var personId = Guid.Parse("0195aaaa-0000-7000-8000-000000000001");
        await ExecuteAsync(
            "INSERT INTO people (id, slug, name) VALUES ($1, 'ada-developer', 'Ada Developer')",
            personId);
        await ExecuteAsync(
            "INSERT INTO game_credits (game_id, person_id, role, credit_order) VALUES ($1, $2, 'developer', 2)",
            Guid.Parse(SpiritIslandId), personId);

        using var after = await Http.GetJsonAsync("/v1/games/spirit-island?include=credits");

        // Spirit Island credits only a designer and an artist in the seed: neither is an extended role.
        Assert.Equal(0, before.RootElement.GetProperty("credits").GetArrayLength());
        var credit = Assert.Single(after.RootElement.GetProperty("credits").EnumerateArray());
        Assert.Equal(SpiritIslandId, credit.GetProperty("game_id").GetString());
        Assert.Equal(personId, credit.GetProperty("person_id").GetGuid());
        Assert.Equal("developer", credit.GetProperty("role").GetString());
        Assert.Equal("Ada Developer", credit.GetProperty("person_name").GetString());
        Assert.Equal("ada-developer", credit.GetProperty("person_slug").GetString());
        AssertValidSchema("GameCredit.yaml", "GameCredit", credit);
    }

    [Fact]
    public async Task AwardsCarryTheAwardsNameOnTheirLink()
    {
        using var spiritIsland = await Http.GetJsonAsync("/v1/games/spirit-island?include=awards");
        using var terraformingMars = await Http.GetJsonAsync("/v1/games/terraforming-mars?include=awards");

        var award = Assert.Single(spiritIsland.RootElement.GetProperty("awards").EnumerateArray());
        Assert.Equal(SpiritIslandId, award.GetProperty("game_id").GetString());
        Assert.Equal(2017, award.GetProperty("year").GetInt32());
        Assert.Equal("won", award.GetProperty("result").GetString());
        Assert.Equal("Best Cooperative Game", award.GetProperty("category").GetString());
        Assert.Equal("Golden Geek Awards", award.GetProperty("_links").GetProperty("award").GetProperty("title").GetString());
        Assert.Equal("/v1/awards/golden-geek-awards", award.GetProperty("_links").GetProperty("award").GetProperty("href").GetString());
        Assert.Equal(0, terraformingMars.RootElement.GetProperty("awards").GetArrayLength());
    }

    [Fact]
    public async Task PollsEmbedEveryPollEachItemInItsSpecSchema()
    {
        await SeedPollsAsync();

        using var body = await Http.GetJsonAsync("/v1/games/spirit-island?include=polls");
        using var ratings = await Http.GetJsonAsync("/v1/games/spirit-island/player-count-ratings");

        var polls = body.RootElement.GetProperty("polls");
        Assert.Equal(ratings.RootElement.GetProperty("data").GetRawText(), polls.GetProperty("player_count_ratings").GetRawText());

        var legacy = polls.GetProperty("player_count").EnumerateArray().ToList();
        Assert.Equal([1, 2], legacy.Select(p => p.GetProperty("player_count").GetInt32()));
        Assert.Equal(520 + 240 + 40, legacy[1].GetProperty("total_votes").GetInt32());
        Assert.Equal([13, 14], polls.GetProperty("community_age").EnumerateArray().Select(p => p.GetProperty("suggested_age").GetInt32()));
        // The enum's order, not alphabetical.
        Assert.Equal(["some_text", "moderate_text"], polls.GetProperty("language_dependence").EnumerateArray().Select(p => p.GetProperty("level").GetString()));

        foreach (var (property, file, schema) in new[]
        {
            ("player_count_ratings", "PlayerCountPoll.yaml", "PlayerCountRating"),
            ("player_count", "PlayerCountPoll.yaml", "PlayerCountPollLegacy"),
            ("community_age", "CommunityAgePoll.yaml", "CommunityAgePoll"),
            ("language_dependence", "LanguageDependencePoll.yaml", "LanguageDependencePoll"),
        })
        {
            var items = polls.GetProperty(property).EnumerateArray().ToList();
            Assert.NotEmpty(items);
            foreach (var item in items)
            {
                Assert.Equal(SpiritIslandId, item.GetProperty("game_id").GetString());
                AssertValidSchema(file, schema, item);
            }
        }
    }

    [Fact]
    public async Task PollsOfAGameWithoutVotesAreEmptyLists()
    {
        using var body = await Http.GetJsonAsync("/v1/games/spirit-island-promo-pack-1?include=polls");

        var polls = body.RootElement.GetProperty("polls");
        foreach (var property in new[] { "player_count_ratings", "player_count", "community_age", "language_dependence" })
        {
            Assert.Equal(0, polls.GetProperty(property).GetArrayLength());
        }
    }

    [Fact]
    public async Task IncludesKeepTheETagStableAndDistinct()
    {
        var ct = TestContext.Current.CancellationToken;
        var href = $"/v1/games/spirit-island?include={All}";

        using var first = await Http.GetAsync(href, ct);
        using var second = await Http.GetAsync(href, ct);
        using var plain = await Http.GetAsync("/v1/games/spirit-island", ct);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, href);
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await Http.SendAsync(conditional, ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(ct), await second.Content.ReadAsStringAsync(ct));
        Assert.NotEqual(plain.Headers.ETag, first.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Theory]
    [InlineData("mechanics,designers,editions,alternate_names,credits,awards", "public, max-age=86400")]
    [InlineData("mechanics,polls", "public, max-age=300")]
    [InlineData("expansions", "public, max-age=300")]
    [InlineData("experience_playtime", "public, max-age=300")]
    [InlineData("bogus", "public, max-age=86400")]
    public async Task AGameEmbeddingShortLivedDataIsCachedAsShortly(string include, string cacheControl)
    {
        using var response = await Http.GetAsync($"/v1/games/spirit-island?include={include}", TestContext.Current.CancellationToken);

        Assert.Equal(cacheControl, response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task TheCommandCounterSeesTheRequestsQueries()
    {
        var counted = await CommandCounter.CountAsync(() => Http.GetStringAsync("/v1/games/spirit-island", TestContext.Current.CancellationToken));

        // The game's lookup, and nothing else without includes.
        Assert.True(counted.Count == 1, counted.Describe());
    }

    [Theory]
    [InlineData("spirit-island")]
    [InlineData("terraforming-mars")]
    [InlineData("spirit-island-promo-pack-2")]
    public async Task EveryIncludeCostsOneRoundTripWhateverTheData(string game)
    {
        await SeedPollsAsync();

        var ct = TestContext.Current.CancellationToken;

        var plain = await CommandCounter.CountAsync(() => Http.GetStringAsync($"/v1/games/{game}", ct));
        var counted = await CommandCounter.CountAsync(() => Http.GetStringAsync($"/v1/games/{game}?include={All}", ct));

        Assert.True(counted.Count <= CommandBound, counted.Describe());
        // Thirteen includes, one batch.
        Assert.True(counted.Count == plain.Count + 1, counted.Describe());
        using var body = JsonDocument.Parse(counted.Result);
        Assert.All(IncludeProperties, p => Assert.True(body.RootElement.TryGetProperty(p, out _), p));
    }

    [Fact]
    public async Task OneBatchServesSeveralGamesInTheirOrder()
    {
        var loader = Api.Services.GetRequiredService<GameIncludeLoader>();
        var spiritIsland = Game(SpiritIslandId, "spirit-island", "Spirit Island");
        var terraformingMars = Game(TerraformingMarsId, "terraforming-mars", "Terraforming Mars");
        var includes = GameIncludes.Parse("mechanics,alternate_names,expansions,effective_properties,polls");

        var one = await CommandCounter.CountAsync(() => loader.ApplyAsync([spiritIsland], includes, TestContext.Current.CancellationToken));
        var three = await CommandCounter.CountAsync(() => loader.ApplyAsync([terraformingMars, spiritIsland, terraformingMars], includes, TestContext.Current.CancellationToken));
        var none = await CommandCounter.CountAsync(() => loader.ApplyAsync([spiritIsland], GameIncludes.Parse("bogus"), TestContext.Current.CancellationToken));

        Assert.True(one.Count == 1, one.Describe());
        Assert.True(three.Count == 1, three.Describe());
        Assert.Equal(0, none.Count);
        Assert.Same(spiritIsland, Assert.Single(none.Result));
        Assert.Equal([TerraformingMarsId, SpiritIslandId, TerraformingMarsId], three.Result.Select(g => g.Id.ToString()));
        Assert.Contains(three.Result[0].Mechanics!, m => m.Slug == "engine-building");
        Assert.DoesNotContain(three.Result[1].Mechanics!, m => m.Slug == "engine-building");
        Assert.Equal(JsonSerializer.Serialize(three.Result[0]), JsonSerializer.Serialize(three.Result[2]));
        Assert.Empty(three.Result[0].Expansions!);
        Assert.Equal(6, three.Result[1].Expansions!.Count);
        Assert.Equal("ja", Assert.Single(three.Result[0].AlternateNames!).Language);
        Assert.Equal(5, three.Result[0].Polls!.PlayerCountRatings.Count);
        Assert.Equal(4, three.Result[1].Polls!.PlayerCountRatings.Count);
    }

    /// <summary>The seed has no legacy, age or language polls; these rows follow the spec's examples.</summary>
    private async Task SeedPollsAsync()
    {
        var id = Guid.Parse(SpiritIslandId);
        await ExecuteAsync(
            "INSERT INTO player_count_polls_legacy (game_id, player_count, best_votes, recommended_votes, not_recommended_votes) " +
            "VALUES ($1, 1, 210, 380, 90), ($1, 2, 520, 240, 40)", id);
        await ExecuteAsync("INSERT INTO community_age_polls (game_id, suggested_age, vote_count) VALUES ($1, 14, 342), ($1, 13, 120)", id);
        await ExecuteAsync("INSERT INTO language_dependence_polls (game_id, level, vote_count) VALUES ($1, 'moderate_text', 187), ($1, 'some_text', 95)", id);
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static void AssertValidSchema(string file, string schema, JsonElement item)
    {
        var violations = SpecSchema.ValidateSchema(file, schema, item.GetRawText());
        Assert.True(violations.Count == 0, $"{schema}: {string.Join("; ", violations)}\n{item}");
    }

    /// <summary>The loader reads only a game's id, slug, name and published values.</summary>
    private static GameResponse Game(string id, string slug, string name) => new()
    {
        Id = Guid.Parse(id),
        Slug = slug,
        Name = name,
        SortName = name.ToLowerInvariant(),
        Type = "base_game",
        Status = "active",
        Links = new Dictionary<string, Link> { ["self"] = new($"/v1/games/{slug}", name) },
    };
}
