using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using OpenTabletop.Api.Games;
using OpenTabletop.Api.Games.Listing;
using OpenTabletop.Api.Http.Paging;
using OpenTabletop.Api.Search;

namespace OpenTabletop.Bench;

/// <summary>
/// One scenario: its API requests and, when the API's statements for them can be obtained, the same
/// database work request for request (<see cref="Sql"/> is then as long as <see cref="Api"/>).
/// <see cref="SqlUnavailable"/> says why there is no direct-SQL ceiling; <see cref="SetupError"/> why
/// the scenario could not be prepared at all. <see cref="IgnoredByApi"/> lists the query parameters
/// this build of GET /v1/games does not know and so ignores: its figures are then not the scenario's.
/// </summary>
internal sealed record Scenario(
    string Name, string Title, bool Selective, IReadOnlyList<ApiRequest> Api, IReadOnlyList<SqlWork>? Sql,
    string? SqlSource, string? SqlUnavailable, IReadOnlyList<string> Notes, string? SetupError = null,
    IReadOnlyList<string>? IgnoredByApi = null)
{
    /// <summary>
    /// With the Api's in-memory index: the statements SQL alone would run for the same requests (page
    /// and count, as with GAME_INDEX=off), i.e. the database's ceiling for doing the whole job itself.
    /// </summary>
    public IReadOnlyList<SqlWork>? SqlOnly { get; init; }

    public static Scenario Failed(string name, string title, string error) => new(name, title, false, [], null, null, null, [], error);
}

/// <summary>
/// Builds the fixed, seeded query mix of each scenario. Every scenario has its own generator seeded
/// from the run's seed and the scenario's place in <see cref="All"/>, so running a subset does not
/// change the requests of the others.
/// </summary>
internal sealed class ScenarioBuilder(
    Catalogue catalogue, HttpClient client, Npgsql.NpgsqlDataSource dataSource, int seed, int mixSize,
    OpenTabletop.Api.Games.Listing.InMemory.GameIndexSnapshot? index)
{
    public static readonly IReadOnlyList<(string Name, string Title)> All =
    [
        ("slug", "GET /v1/games/{slug}"),
        ("list", "GET /v1/games, 3 filters (players, weight window, year_min), sort=rating"),
        ("compound", "POST /v1/games/search, 6 dimensions with mechanics any/all/not"),
        ("compound-get", "GET /v1/games, the same 6 dimensions as query parameters"),
        ("effective", "GET /v1/games?effective=true with players and weight_max"),
        ("search", "GET /v1/search?type=game (full text, trigram and prefix)"),
        ("deep-page", "GET /v1/games?sort=rating&order=desc&limit=25, page 50 by cursor"),
    ];

    public async Task<Scenario> BuildAsync(string name, CancellationToken ct)
    {
        var title = All.First(s => s.Name == name).Title;
        var random = new Random(seed * 1000 + All.Select(s => s.Name).ToList().IndexOf(name));
        try
        {
            return name switch
            {
                "slug" => await SlugAsync(title, random),
                "list" => await ListAsync(name, title, Mix(() => ListQueryOf(random)), ct),
                "compound" => await CompoundAsync(name, title, Mix(() => CompoundFilters.Draw(random, catalogue.MechanicsByUse)), post: true, ct),
                "compound-get" => await CompoundAsync(name, title, Mix(() => CompoundFilters.Draw(random, catalogue.MechanicsByUse)), post: false, ct),
                "effective" => await ListAsync(name, title, Mix(() => EffectiveQueryOf(random)), ct),
                "search" => await SearchAsync(title, random, ct),
                "deep-page" => await DeepPageAsync(title, ct),
                _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown scenario"),
            };
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or JsonException or KeyNotFoundException)
        {
            return Scenario.Failed(name, title, e.Message);
        }
    }

    private List<T> Mix<T>(Func<T> draw) => [.. Enumerable.Range(0, mixSize).Select(_ => draw())];

    private static string ListQueryOf(Random random)
    {
        var weight = 1.0m + 0.5m * random.Next(0, 5);
        return Invariant($"players={random.Next(2, 7)}&weight_min={weight:0.0}&weight_max={weight + 1.0m:0.0}&year_min={random.Next(1995, 2016)}&sort=rating&order=desc");
    }

    private static string EffectiveQueryOf(Random random) =>
        Invariant($"effective=true&players={random.Next(5, 9)}&weight_max={3.0m + 0.5m * random.Next(0, 4):0.0}&sort=rating&order=desc");

    /// <summary>GET /v1/games requests whose direct SQL is GameListApi.PlanOf of the same query string.</summary>
    private async Task<Scenario> ListAsync(string name, string title, IReadOnlyList<string> queries, CancellationToken ct, IReadOnlyList<ApiRequest>? api = null,
        bool selective = true, string source = "GameListApi.PlanOf(the same query)", IReadOnlyList<string>? notes = null)
    {
        var get = api is null;
        api ??= [.. queries.Select(q => ApiRequest.Get("/v1/games?" + q))];
        var allNotes = new List<string>(notes ?? []);
        var bound = queries.Select(ListQuery.Bind).ToList();
        var unknown = bound.SelectMany(b => b.Unknown).Distinct().Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            if (get)
            {
                allNotes.Add($"GameListParameters in this build has no {string.Join(", ", unknown)}; GET /v1/games ignores unknown parameters, "
                    + "so a 200 here answers the query without them");
            }
            return new Scenario(name, title, selective, api, null, source,
                $"this build cannot plan {string.Join(", ", unknown)} (not in GameListParameters)", allNotes, IgnoredByApi: get ? unknown : null);
        }
        var plans = new List<KeysetPlan?>();
        foreach (var b in bound) plans.Add(await GameListApi.PlanOfAsync(b.Parameters, dataSource, ct, index));
        var rejected = plans.FindIndex(p => p is null);
        if (rejected >= 0)
        {
            return new Scenario(name, title, selective, api, null, source, $"PlanOf rejects '{queries[rejected]}' as invalid", allNotes);
        }
        var scenario = new Scenario(name, title, selective, api, [.. plans.Select(p => new KeysetWork(p!))], source, null, allNotes);
        if (index is null) return scenario;
        var sqlOnly = new List<SqlWork>();
        foreach (var b in bound) sqlOnly.Add(new KeysetWork((await GameListApi.PlanOfAsync(b.Parameters, dataSource, ct))!));
        return scenario with { SqlOnly = sqlOnly };
    }

    private async Task<Scenario> CompoundAsync(string name, string title, IReadOnlyList<CompoundFilters> draws, bool post, CancellationToken ct)
    {
        var queries = draws.Select(d => d.ToQueryString()).ToList();
        if (!post) return await ListAsync(name, title, queries, ct);
        var api = draws.Select(d => new ApiRequest("POST", "/v1/games/search", d.ToSearchBody())).ToList();
        return await ListAsync(name, title, queries, ct, api, source: "GameListApi.PlanOf(the equivalent GET /v1/games query)",
            notes: ["the direct SQL is the plan of the equivalent GET query; it is the POST's own SQL only if the endpoint compiles its body to the same filters"]);
    }

    private Task<Scenario> SlugAsync(string title, Random random)
    {
        var slugs = Mix(() => catalogue.Slugs[random.Next(catalogue.Slugs.Count)]);
        var api = slugs.Select(s => ApiRequest.Get("/v1/games/" + s)).ToList();
        // GameLookup.PlanOf is the one statement GET /games/{slug} runs for a game that exists (no include).
        var sql = slugs.Select(slug => (SqlWork)new PlannedWork(GameLookup.PlanOf(slug))).ToList();
        return Task.FromResult(new Scenario("slug", title, true, api, sql, "GameLookup.PlanOf(the slug)", null, []));
    }

    private async Task<Scenario> SearchAsync(string title, Random random, CancellationToken ct)
    {
        var queries = Mix(() =>
        {
            var words = catalogue.BaseGameNames[random.Next(catalogue.BaseGameNames.Count)].ToLowerInvariant()
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(' ', words.Take(random.Next(2) + 1));
        });
        var api = queries.Select(q => ApiRequest.Get("/v1/search?q=" + Uri.EscapeDataString(q) + "&type=game")).ToList();
        var source = "SearchApi.PlanOf: the ranking page, which carries the total and the page's games" +
            (index is null ? "" : ", with the game names found on the benchmark's own load of the in-memory index (the generation read after it); SQL-only: the same without the index");
        // The Api asks the database for q's English lexemes once per text and remembers them: so does the benchmark.
        var lexemes = new Dictionary<string, string[]>(StringComparer.Ordinal);
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            foreach (var q in queries.Distinct()) lexemes[q] = await OpenTabletop.Api.Search.InMemory.EnglishLexemes.ReadAsync(connection, q, ct);
        }
        var plans = queries.Select(q => SearchApi.PlanOf(q, "game", null, null, index, lexemes[q])).ToList();
        var rejected = plans.FindIndex(p => p is null);
        if (rejected >= 0) return new Scenario("search", title, true, api, null, source, $"SearchApi.PlanOf rejects q='{queries[rejected]}'", []);
        var scenario = new Scenario("search", title, true, api, [.. plans.Select(p => (SqlWork)new KeysetWork(p!))], source, null, []);
        if (index is null) return scenario;
        return scenario with { SqlOnly = [.. queries.Select(q => (SqlWork)new KeysetWork(SearchApi.PlanOf(q, "game", null, null)!))] };
    }

    /// <summary>Follows _links.next 49 times from a broad query; the mix is the request for page 50.</summary>
    private async Task<Scenario> DeepPageAsync(string title, CancellationToken ct)
    {
        var url = "/v1/games?sort=rating&order=desc&limit=25";
        for (var page = 1; page < 50; page++)
        {
            using var response = await client.GetAsync(url, ct);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"page {page} ({url}) answered {(int)response.StatusCode}");
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
            var next = body?["_links"]?["next"]?["href"]?.GetValue<string>()
                ?? throw new InvalidOperationException($"page {page} has no _links.next; the catalogue is too small for page 50");
            url = new Uri(client.BaseAddress!, next).PathAndQuery;
        }
        var query = url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..];
        return await ListAsync("deep-page", title, [query], ct, [ApiRequest.Get(url)], selective: false,
            source: "GameListApi.PlanOf(the page-50 query, cursor included)");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The showcase compound search: players, weight, playtime, type, mechanics (any, all and not) and
/// year, drawn from fixed ranges; the mechanics come from the most used ones so that results exist.
/// </summary>
internal sealed record CompoundFilters(
    int Players, decimal WeightMin, decimal WeightMax, int PlaytimeMax, IReadOnlyList<string> Any, string All, string Not, int YearMin)
{
    public static CompoundFilters Draw(Random random, IReadOnlyList<string> mechanicsByUse)
    {
        var common = mechanicsByUse.Take(12).OrderBy(_ => random.Next()).Take(3).ToList();
        var rarer = mechanicsByUse.Skip(12).Take(18).ToList();
        var weight = 1.5m + 0.5m * random.Next(0, 3);
        return new CompoundFilters(
            random.Next(2, 6), weight, weight + 1.5m, 60 + 30 * random.Next(0, 5),
            common.Take(2).ToList(), common[2], rarer.Count > 0 ? rarer[random.Next(rarer.Count)] : common[2], random.Next(2000, 2016));
    }

    public string ToQueryString() => QueryHelpers.AddQueryString("", new Dictionary<string, string?>
    {
        ["players"] = Invariant(Players),
        ["weight_min"] = Invariant(WeightMin),
        ["weight_max"] = Invariant(WeightMax),
        ["playtime_max"] = Invariant(PlaytimeMax),
        ["type"] = "base_game",
        ["mechanics"] = string.Join(',', Any),
        ["mechanics_all"] = All,
        ["mechanics_not"] = Not,
        ["year_min"] = Invariant(YearMin),
        ["sort"] = "rating",
        ["order"] = "desc",
        ["limit"] = "25",
    }).TrimStart('?');

    /// <summary>The body per the spec's SearchRequest schema.</summary>
    public string ToSearchBody() => new JsonObject
    {
        ["filters"] = new JsonObject
        {
            ["players"] = new JsonObject { ["exact"] = Players },
            ["weight"] = new JsonObject { ["min"] = WeightMin, ["max"] = WeightMax },
            ["playtime"] = new JsonObject { ["max"] = PlaytimeMax },
            ["type"] = "base_game",
            ["mechanics"] = new JsonObject
            {
                ["any"] = new JsonArray([.. Any.Select(a => (JsonNode)a)]),
                ["all"] = new JsonArray(All),
                ["not"] = new JsonArray(Not),
            },
            ["year"] = new JsonObject { ["min"] = YearMin },
        },
        ["sort"] = "rating",
        ["order"] = "desc",
        ["limit"] = 25,
    }.ToJsonString();

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
