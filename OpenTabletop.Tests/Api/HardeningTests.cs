using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>What a browser and a slow request meet: security headers, CORS for the configured origins only, compression, timeouts.</summary>
public sealed class HardeningTests(PostgresFixture postgres) : IAsyncLifetime
{
    private string _connectionString = "";

    public async ValueTask InitializeAsync() =>
        _connectionString = await TestDatabases.CreateMigratedAsync(postgres, SeedMode.Sample, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task EveryResponseCarriesTheSecurityHeaders()
    {
        await using var api = ApiFactory.Start(_connectionString);
        var http = api.CreateClient();
        foreach (var path in new[] { "/v1/games/spirit-island", "/v1/games/nope", "/healthz" })
        {
            using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        }
    }

    [Fact]
    public async Task OnlyTheConfiguredOriginsMayCallFromABrowser()
    {
        await using var api = ApiFactory.Start(_connectionString, ("CORS_ORIGINS", "https://app.example.org, https://other.example.org"));
        var http = api.CreateClient();

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/games/spirit-island/ratings");
        preflight.Headers.Add("Origin", "https://app.example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-api-key, idempotency-key, content-type");
        using var allowed = await http.SendAsync(preflight, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal("https://app.example.org", Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Contains("X-API-Key", Header(allowed, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);

        using var read = new HttpRequestMessage(HttpMethod.Get, "/v1/games/spirit-island");
        read.Headers.Add("Origin", "https://other.example.org");
        using var exposed = await http.SendAsync(read, TestContext.Current.CancellationToken);
        Assert.Equal("https://other.example.org", Header(exposed, "Access-Control-Allow-Origin"));
        Assert.Contains("ETag", Header(exposed, "Access-Control-Expose-Headers"));
        Assert.Contains("X-RateLimit-Remaining", Header(exposed, "Access-Control-Expose-Headers"));

        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/v1/games/spirit-island");
        foreign.Headers.Add("Origin", "https://evil.example.com");
        using var refused = await http.SendAsync(foreign, TestContext.Current.CancellationToken);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ResponsesAreCompressedForClientsThatAskAndTheContentIsTheSame()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = ApiFactory.Start(_connectionString);
        var http = api.CreateClient();
        var plain = await http.GetStringAsync("/v1/games?limit=10", ct);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/games?limit=10");
        request.Headers.Add("Accept-Encoding", "gzip");
        using var response = await http.SendAsync(request, ct);

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(ct), CompressionMode.Decompress);
        Assert.Equal(plain, await new StreamReader(gzip).ReadToEndAsync(ct));
    }

    [Fact]
    public async Task ARequestThatRunsTooLongIsStoppedWithAProblem()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = ApiFactory.StartWith(_connectionString, ProbeEndpoints.AddTo, ("REQUEST_TIMEOUT_SECONDS", "1"));
        var http = api.CreateClient();
        var watch = Stopwatch.StartNew();

        using var response = await http.GetAsync(ProbeEndpoints.Slow, ct);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
        await ApiKeyTests.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "unavailable", "longer than 1 s");
    }

    [Fact]
    public async Task AnExportIsNotCutOffByTheRequestTimeout()
    {
        await using var api = ApiFactory.Start(_connectionString);
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var export = Assert.Single(endpoints, e => e.RoutePattern.RawText?.Trim('/') == "v1/export/games");
        Assert.NotNull(export.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Timeouts.DisableRequestTimeoutAttribute>());
        var list = Assert.Single(endpoints, e => e.RoutePattern.RawText?.Trim('/') == "v1/games" && e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Contains("GET"));
        Assert.Null(list.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Timeouts.DisableRequestTimeoutAttribute>());
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content) : "";
}
