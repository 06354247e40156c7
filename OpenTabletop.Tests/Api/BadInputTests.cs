using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTabletop.Api.Http.ApiKeys;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>
/// Hostile input against every endpoint the Api maps (found in its own route table, so a new endpoint
/// is covered the day it is added): wrong types, huge numbers, NaN, negative limits, unicode, very
/// long strings, SQL metacharacters, path traversal, forged cursors, malformed JSON. Never a 500,
/// every refusal a problem, and nothing written by a refused request.
/// </summary>
public sealed class BadInputTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly string[] HostileValues =
    [
        "-1", "0", "99999999999999999999999", "1e309", "NaN", "-Infinity", "3.5.7", "true", "null", "[]", "{}",
        "' OR 1=1 --", "1; DROP TABLE games; --", "\"\\\u0000", "../../etc/passwd", "%2e%2e%2f%2e%2e%2f",
        "🎲🂡 ñ 中文 \u202e", new string('x', 1000), "eyJ2IjoxLCJzIjoibmFtZSIsImsiOlsiJyBPUiAxPTEiXX0", "AAAA====", "2026-13-45", "",
    ];

    /// <summary>Every query parameter name any endpoint reads, so each hostile value reaches each parser.</summary>
    private static readonly string[] Parameters =
    [
        "limit", "cursor", "sort", "order", "q", "type", "include", "format", "players", "players_min", "players_max", "best_at",
        "top_at", "recommended_at", "playtime_min", "playtime_max", "community_playtime_min", "community_playtime_max",
        "playtime_source", "playtime_experience", "weight_min", "weight_max", "min_weight_votes", "effective_weight",
        "rating_min", "rating_max", "min_rating_votes", "confidence_min", "age_min", "age_max", "age_source", "mode",
        "mechanics", "mechanics_all", "mechanics_not", "themes", "theme_not", "categories", "designer", "publisher",
        "family", "year_min", "year_max", "language_dependence", "effective", "include_integrations", "with", "edition",
        "direction", "metric", "granularity", "from", "to", "group_by", "scope", "top", "date", "parent",
    ];

    [Fact]
    public async Task NoQueryValueOnAnyGetEndpointIsA500()
    {
        var failures = new List<string>();
        foreach (var template in Templates("GET"))
        {
            var path = Fill(template, "spirit-island");
            foreach (var value in HostileValues)
            {
                foreach (var query in Queries(value)) await CheckAsync(HttpMethod.Get, $"{path}?{query}", null, failures);
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    [Fact]
    public async Task NoPathValueOnAnyEndpointIsA500()
    {
        var failures = new List<string>();
        foreach (var method in new[] { "GET", "POST", "PUT", "DELETE" })
        {
            foreach (var template in Templates(method).Where(t => t.Contains('{')))
            {
                foreach (var value in HostileValues.Where(v => v.Length > 0))
                {
                    await CheckAsync(new HttpMethod(method), Fill(template, Uri.EscapeDataString(value)), method == "GET" ? null : "{}", failures);
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    [Fact]
    public async Task NoBodyOnAnyWritingEndpointIsA500AndARefusedOneWritesNothing()
    {
        var failures = new List<string>();
        var fields = new[] { "rating", "declared_scale", "play_count", "experience_level", "weight", "duration_minutes", "player_count",
            "is_campaign", "played_at", "owner", "scopes", "not_before", "not_after", "days", "overlap_days", "mode", "reason",
            "retry_after_seconds", "filters", "sort", "order", "limit", "cursor" };
        var jsonValues = new[]
        {
            "-1", "1e309", "99999999999999999999999999", "\"NaN\"", "\"8\"", "true", "null", "[]", "{}", "[[[[[[[[[[]]]]]]]]]]",
            "\"' OR 1=1 --\"", $"\"{new string('x', 5000)}\"", "\"🎲 \\u0000 \\ud800\"", "{\"players\": {\"min\": \"x\"}}",
        };
        var bodies = new List<string>
        {
            "", "{", "not json", "[]", "null", "\"text\"", "{\"rating\": }", "{\"rating\": 8,}", "{\"rating\": 8} trailing",
            "{\"filters\": {\"players\": {\"exact\": 99999999999}, \"mechanics\": {\"any\": [\"' OR 1=1 --\"]}}}",
            "{\"filters\": {\"weight\": {\"min\": 5, \"max\": 1}}, \"limit\": -5, \"cursor\": \"AAAA\"}",
        };
        bodies.AddRange(jsonValues.Select(v => "{" + string.Join(", ", fields.Select(f => $"\"{f}\": {v}")) + "}"));

        foreach (var method in new[] { "POST", "PUT" })
        {
            foreach (var template in Templates(method))
            {
                var path = Fill(template, "spirit-island");
                foreach (var body in bodies) await CheckAsync(new HttpMethod(method), path, body, failures);
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    /// <summary>
    /// Every parameter set to <paramref name="value"/>, in as few queries as keep the request line under
    /// Kestrel's 8 KB (past that Kestrel answers 414 itself and the value would reach no parser).
    /// </summary>
    private static IEnumerable<string> Queries(string value)
    {
        var pairs = Parameters.Select(p => $"{p}={Uri.EscapeDataString(value)}").ToList();
        var query = new StringBuilder();
        foreach (var pair in pairs)
        {
            if (query.Length > 0 && query.Length + pair.Length > 6000)
            {
                yield return query.ToString();
                query.Clear();
            }
            if (query.Length > 0) query.Append('&');
            query.Append(pair);
        }
        yield return query.ToString();
    }

    /// <summary>The route templates the Api maps for <paramref name="method"/>, under /v1.</summary>
    private IEnumerable<string> Templates(string method) =>
        Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method) == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(t => t.StartsWith("/v1/", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal);

    /// <summary>Every route parameter: a guid where the route demands one, otherwise <paramref name="value"/>.</summary>
    private static string Fill(string template, string value) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{(\w+)(:(\w+))?\}",
            m => m.Groups[3].Value == "guid" ? Guid.CreateVersion7().ToString() : value);

    private async Task CheckAsync(HttpMethod method, string url, string? body, List<string> failures)
    {
        var key = await AdminKeyAsync();
        var before = await WrittenAsync();
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-API-Key", key.Plaintext);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request, Ct);
        var status = (int)response.StatusCode;
        var what = $"{method} {url[..Math.Min(url.Length, 160)]} {(body is null ? "" : body[..Math.Min(body.Length, 80)])}";
        if (status >= 500)
        {
            failures.Add($"{status} for {what}: {(await response.Content.ReadAsStringAsync(Ct))[..Math.Min(300, (int)(response.Content.Headers.ContentLength ?? 300))]}");
            return;
        }
        if (status >= 400)
        {
            // Kestrel refuses an over-long request line (414), a header block (431) and a NUL in the path (400)
            // before any of our code runs, without a body.
            var kestrels = status is 414 or 431 || (status == 400 && url.Contains("%00", StringComparison.Ordinal));
            if (!kestrels && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{status} without a problem for {what}");
            }
            var after = await WrittenAsync();
            if (after != before) failures.Add($"{status} for {what} wrote rows: {before} -> {after}");
        }
    }

    private CreatedApiKey? _admin;

    private async Task<CreatedApiKey> AdminKeyAsync() =>
        _admin ??= await Api.Services.GetRequiredService<ApiKeyStore>().CreateAsync("bad-input", ["admin"], null, null, Ct);

    /// <summary>The rows every write endpoint could add, as one comparable string.</summary>
    private async Task<string> WrittenAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT concat_ws(',', (SELECT count(*) FROM rating_votes), (SELECT count(*) FROM weight_votes), (SELECT count(*) FROM play_logs), " +
            "(SELECT count(*) FROM api_keys), (SELECT count(*) FROM materialization_runs), (SELECT count(*) FROM maintenance_mode), " +
            "(SELECT count(*) FROM idempotency_keys), (SELECT count(*) FROM export_requests))", connection);
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }
}
