using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api.Export;

/// <summary>GET /v1/export/games on the sample data: the list's games in both formats, the spec's shapes, and every refusal.</summary>
public sealed class SampleExportTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("")]
    [InlineData("sort=rating&order=desc")]
    [InlineData("type=base_game,expansion&players=2&sort=weight&order=desc")]
    [InlineData("mechanics=hand-management&mechanics_not=engine-building")]
    [InlineData("playtime_experience=first_play&playtime_max=185&sort=year_published")]
    [InlineData("effective=true&players=6")]
    public async Task BothFormatsHoldTheListsGamesInTheListsOrder(string query)
    {
        var (listed, firstPage) = await Http.ListAllAsync(query);

        var jsonl = await Http.ReadJsonLinesAsync(query);
        var csv = await Http.ReadCsvAsync(query);

        Assert.NotEmpty(listed);
        ExportReading.AssertSameGames(jsonl, listed);
        ExportReading.AssertSameGames(csv, listed);
        // The manifest says in words what the list's summary says.
        using var manifest = JsonDocument.Parse(jsonl.Manifest);
        Assert.Equal(firstPage.GetProperty("meta").GetProperty("filter_summary").GetProperty("filters_applied").GetRawText(),
            manifest.RootElement.GetProperty("filters_applied").GetRawText());
        Assert.Equal(manifest.RootElement.GetProperty("filters_applied").GetRawText(), ExportReading.Header(jsonl.Headers, "X-Export-Filters"));
    }

    [Fact]
    public async Task TheManifestAndEveryLineFollowTheSpecsSchemas()
    {
        var export = await Http.ReadJsonLinesAsync("effective=true");

        Assert.Empty(SpecSchema.ValidateSchema("ExportManifest.yaml", "ExportManifest", export.Manifest));
        Assert.NotEmpty(export.Lines);
        Assert.All(export.Lines, line => Assert.Empty(SpecSchema.ValidateSchema("Game.yaml", "Game", line)));
        using var manifest = JsonDocument.Parse(export.Manifest);
        var root = manifest.RootElement;
        Assert.Equal("jsonl", root.GetProperty("format").GetString());
        Assert.Equal("0.1.0", root.GetProperty("schema_version").GetString());
        Assert.Equal(root.GetProperty("generated_at").GetString(), ExportReading.Header(export.Headers, "X-Export-Generated-At"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", root.GetProperty("generated_at").GetString());
        Assert.Equal("jsonl", ExportReading.Header(export.Headers, "X-Export-Format"));
        Assert.Equal("0.1.0", ExportReading.Header(export.Headers, "X-Export-Schema-Version"));
        Assert.Equal("name asc", ExportReading.Header(export.Headers, "X-Export-Sort"));
        Assert.Equal("application/x-ndjson", export.Content.ContentType?.MediaType);
        Assert.Equal("attachment", export.Content.ContentDisposition?.DispositionType);
        Assert.Matches(@"^opentabletop-games-\d{8}T\d{6}Z\.jsonl$", export.Content.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task AFullExportHasAnEmptyFilterMapAndCsvHasAColumnForEveryGameField()
    {
        var jsonl = await Http.ReadJsonLinesAsync("");
        var csv = await Http.ReadCsvAsync("");

        using var manifest = JsonDocument.Parse(jsonl.Manifest);
        Assert.Equal("{}", manifest.RootElement.GetProperty("filters_applied").GetRawText());
        var fields = jsonl.Lines.SelectMany(l => JsonDocument.Parse(l).RootElement.EnumerateObject().Select(p => p.Name)).ToHashSet();
        fields.Remove("_links");
        Assert.Empty(fields.Except(csv.Columns));
        Assert.Equal("text/csv", csv.Content.ContentType?.MediaType);
        Assert.Equal("utf-8", csv.Content.ContentType?.CharSet);
        Assert.StartsWith("id,slug,name,sort_name,type,", csv.Raw);
    }

    [Fact]
    public async Task CsvQuotesFieldsAsRfc4180Says()
    {
        const string description = "He said \"hi\", then\nleft; façade";
        await ExecuteAsync("UPDATE games SET description = $1 WHERE slug = 'terraforming-mars'", description);

        var csv = await Http.ReadCsvAsync("themes=space");

        // Quoted because of the comma, the quote and the line break; inner quotes doubled; records end with CRLF.
        Assert.Contains("\"He said \"\"hi\"\", then\nleft; façade\"", csv.Raw);
        Assert.EndsWith("\r\n", csv.Raw);
        var row = Assert.Single(csv.Rows);
        Assert.Equal(description, row[Array.IndexOf(csv.Columns, "description")]);
    }

    [Fact]
    public void TheExportsCompiledSerializerHasTheApisJsonOptions()
    {
        var api = Api.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var export = OpenTabletop.Api.Export.ExportJsonContext.Default.Options;

        Assert.Same(api.PropertyNamingPolicy, export.PropertyNamingPolicy);
        Assert.Equal(api.DictionaryKeyPolicy, export.DictionaryKeyPolicy);
        Assert.Equal(api.DefaultIgnoreCondition, export.DefaultIgnoreCondition);
        Assert.Equal(api.NumberHandling, export.NumberHandling);
    }

    [Fact]
    public async Task InvalidParametersAnswer400ListingEveryField()
    {
        using var response = await Http.GetAsync(
            "/v1/export/games?format=xml&players=abc&weight_min=9&sort=price&limit=5&cursor=abc&include=mechanics", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        SpecSchema.AssertValid("/export/games", "get", 400, body);
        using var problem = JsonDocument.Parse(body);
        var fields = problem.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal(["format", "players", "weight_min", "sort", "limit", "cursor", "include"], fields);
        Assert.Equal("https://api.opentabletop.org/problems/validation-error", problem.RootElement.GetProperty("type").GetString());
        Assert.False(response.Headers.Contains("X-Export-Row-Count"));
    }

    [Fact]
    public async Task AnUnknownSlugAnswers422NamingTheField()
    {
        using var response = await Http.GetAsync("/v1/export/games?format=csv&mechanics=no-such-mechanic&designer=nobody", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Empty(SpecSchema.ValidateSchema("ErrorResponse.yaml", "ErrorResponse", body));
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(["mechanics", "designer"], problem.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
        Assert.All(problem.RootElement.GetProperty("errors").EnumerateArray(), e => Assert.Equal("unknown_slug", e.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task AnExportLargerThanTheMaximumIsRefusedBeforeAnyRowAndUsesNoQuota()
    {
        await using var api = ApiFactory.Start(ConnectionString, ("EXPORT_MAX_ROWS", "3"), ("EXPORT_RATE_LIMIT_PER_HOUR", "2"));
        using var http = api.CreateClient();

        // Eight active sample games, three allowed; refused three times, which must not use up the quota of two.
        for (var i = 0; i < 3; i++)
        {
            using var refused = await http.GetAsync("/v1/export/games?format=csv", Ct);
            var body = await refused.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.False(refused.Headers.Contains("X-Export-Row-Count"));
            using var problem = JsonDocument.Parse(body);
            Assert.Equal("https://api.opentabletop.org/problems/unprocessable", problem.RootElement.GetProperty("type").GetString());
            Assert.Equal("too_many_rows", problem.RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
            Assert.Equal(3, problem.RootElement.GetProperty("max_rows").GetInt32());
            Assert.Contains("Narrow the filters", problem.RootElement.GetProperty("detail").GetString());
        }

        var small = await http.ReadJsonLinesAsync("type=base_game");
        Assert.Equal(2, small.Lines.Count);
        Assert.Equal("1", ExportReading.Header(small.Headers, "X-Export-Quota-Remaining"));
        await http.ReadCsvAsync("type=base_game&year_max=2017");
        using var limited = await http.GetAsync("/v1/export/games?type=base_game", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    [Fact]
    public async Task TheEleventhExportInAnHourIsRateLimitedWithRetryAfter()
    {
        for (var i = 0; i < 10; i++)
        {
            using var ok = await Http.GetAsync($"/v1/export/games?format={(i % 2 == 0 ? "jsonl" : "csv")}&type=promo", Ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal((9 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), ExportReading.Header(ok.Headers, "X-Export-Quota-Remaining"));
        }

        using var limited = await Http.GetAsync("/v1/export/games?type=promo", Ct);
        var body = await limited.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 3500, 3600);
        Assert.Equal("0", ExportReading.Header(limited.Headers, "X-Export-Quota-Remaining"));
        Assert.Equal("10", ExportReading.Header(limited.Headers, "X-Export-Quota-Limit"));
        Assert.Empty(SpecSchema.ValidateSchema("ErrorResponse.yaml", "ErrorResponse", body));
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("https://api.opentabletop.org/problems/rate-limited", problem.RootElement.GetProperty("type").GetString());
        Assert.Contains("10 exports per hour", problem.RootElement.GetProperty("detail").GetString());

        // Another caller has a quota of its own.
        await ExecuteAsync("UPDATE export_requests SET limit_key = 'key:00000000-0000-0000-0000-000000000001'");
        using var other = await Http.GetAsync("/v1/export/games?type=promo", Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task TheQuotaHoldsAcrossReplicasAndConcurrentRequests()
    {
        (string, string?)[] settings = [("EXPORT_RATE_LIMIT_PER_HOUR", "3"), ("EXPORT_MAX_CONCURRENT", "20")];
        await using var first = ApiFactory.Start(ConnectionString, settings);
        await using var second = ApiFactory.Start(ConnectionString, settings);
        using var one = first.CreateClient();
        using var two = second.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? one : two).GetAsync("/v1/export/games?type=promo", Ct);
            await response.Content.ReadAsByteArrayAsync(Ct);
            return response.StatusCode;
        }));

        Assert.Equal(3, responses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(7, responses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task TheManifestEndpointCountsExactlyWithoutExportingOrUsingQuota()
    {
        await using var api = ApiFactory.Start(ConnectionString, ("EXPORT_MAX_ROWS", "3"), ("EXPORT_RATE_LIMIT_PER_HOUR", "1"));
        using var http = api.CreateClient();

        using var all = await http.GetJsonAsync("/v1/export/manifest?format=csv");
        using var some = await http.GetJsonAsync("/v1/export/manifest?type=base_game&players=2");
        var export = await http.ReadJsonLinesAsync("type=base_game&players=2");

        Assert.Empty(SpecSchema.ValidateSchema("ExportManifest.yaml", "ExportManifest", all.RootElement.GetRawText()));
        Assert.Equal("csv", all.RootElement.GetProperty("format").GetString());
        // Past the export's maximum, the preview still counts.
        Assert.Equal(8, all.RootElement.GetProperty("row_count").GetInt32());
        Assert.Equal(2, some.RootElement.GetProperty("row_count").GetInt32());
        using var manifest = JsonDocument.Parse(export.Manifest);
        Assert.Equal(some.RootElement.GetProperty("filters_applied").GetRawText(), manifest.RootElement.GetProperty("filters_applied").GetRawText());
    }

    [Fact]
    public async Task ExportsBypassTheETagBufferWhileOtherEndpointsKeepTheirETags()
    {
        using var export = await Http.GetAsync("/v1/export/games", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var list = await Http.GetAsync("/v1/games", Ct);

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Null(export.Headers.ETag);
        Assert.True(export.Headers.CacheControl?.NoStore);
        // Streamed: chunked, no length known up front (a buffered body would have one).
        Assert.True(export.Headers.TransferEncodingChunked);
        Assert.Null(export.Content.Headers.ContentLength);
        Assert.NotNull(list.Headers.ETag);
        Assert.Equal("public, max-age=300", list.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task ExportsAreCountedOnTheMetricsEndpoint()
    {
        await Http.ReadCsvAsync("type=promo");
        using var invalid = await Http.GetAsync("/v1/export/games?format=xml", Ct);

        var metrics = await Http.GetStringAsync("/metrics", Ct);

        Assert.Matches("opentabletop_exports_total\\{[^}]*format=\"csv\"[^}]*outcome=\"completed\"[^}]*\\} 1", metrics);
        Assert.Matches("opentabletop_exports_total\\{[^}]*outcome=\"invalid\"[^}]*\\} 1", metrics);
        Assert.Matches("opentabletop_exports_rows_total\\{[^}]*format=\"csv\"[^}]*\\} 2", metrics);
        Assert.Contains("opentabletop_exports_active", metrics);
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync(Ct);
    }
}
