using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>
/// The errors the framework raises before or around a handler (routing, binding, body reading, limits, unhandled
/// exceptions) are RFC 9457 problems like the handlers' own, valid against the spec's ErrorResponse. The POST cases go
/// through <see cref="ProbeEndpoints"/>, test-only endpoints placed behind the app's own middleware.
/// </summary>
public sealed class FrameworkProblemTests(ProbedApi api) : IClassFixture<ProbedApi>
{
    private readonly HttpClient _http = api.Http;

    [Fact]
    public async Task ProbeAcceptsAWellFormedRequest()
    {
        using var response = await PostAsync(ProbeEndpoints.Items + "/7", """{"name":"Spirit Island","count":4}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(7, echo.RootElement.GetProperty("number").GetInt32());
        Assert.Equal(4, echo.RootElement.GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("/v1/no-such-resource")]
    [InlineData("/no-such-page")]
    public async Task UnknownRouteIsANotFoundProblem(string href)
    {
        using var response = await _http.GetAsync(href, TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task WrongMethodIsAMethodNotAllowedProblem()
    {
        using var response = await _http.GetAsync(ProbeEndpoints.Items + "/7", TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task RouteValueThatDoesNotBindIsAValidationProblemNamingIt()
    {
        using var response = await PostAsync(ProbeEndpoints.Items + "/seven", """{"name":"Spirit Island","count":4}""");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation-error");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("number", error.GetProperty("field").GetString());
        Assert.Equal("invalid_type", error.GetProperty("code").GetString());
        Assert.Contains("seven", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task MalformedJsonIsAValidationProblemSayingWhereItBroke()
    {
        using var response = await PostAsync(ProbeEndpoints.Items + "/7", "{\"name\": \"Spirit Island\",\n \"count\": }");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation-error");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("count", error.GetProperty("field").GetString());
        Assert.Equal("invalid_json", error.GetProperty("code").GetString());
        // Line 2 of the body, as a person counts lines.
        Assert.Contains("line 2", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task WrongJsonTypeIsAValidationProblemNamingTheField()
    {
        using var response = await PostAsync(ProbeEndpoints.Items + "/7", """{"name":"Spirit Island","count":"4"}""");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation-error");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("count", error.GetProperty("field").GetString());
        Assert.Equal("invalid_type", error.GetProperty("code").GetString());
        // The wire's vocabulary, not the CLR's.
        Assert.DoesNotContain("System.", problem.GetRawText());
    }

    [Fact]
    public async Task MissingBodyIsAValidationProblem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ProbeEndpoints.Items + "/7")
        {
            Content = new ByteArrayContent([]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation-error");
        Assert.Equal("body", Assert.Single(problem.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task WrongContentTypeIsAnUnsupportedMediaTypeProblem()
    {
        using var response = await PostAsync(ProbeEndpoints.Items + "/7", """{"name":"Spirit Island","count":4}""", "text/plain");

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task BodyOverTheLimitIsAPayloadTooLargeProblem()
    {
        var name = new string('x', ProbedApi.MaxBodyBytes);

        using var response = await PostAsync(ProbeEndpoints.Items + "/7", $$"""{"name":"{{name}}","count":4}""");

        var problem = await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Contains(ProbedApi.MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimitIsAPayloadTooLargeProblem()
    {
        // No Content-Length: the limit is found while reading, not from the header.
        var body = Encoding.UTF8.GetBytes($$"""{"name":"{{new string('x', ProbedApi.MaxBodyBytes)}}","count":4}""");
        using var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, ProbeEndpoints.Items + "/7") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task UnhandledExceptionIsAnInternalProblemThatKeepsItsSecrets()
    {
        using var response = await _http.GetAsync(ProbeEndpoints.Failure, TestContext.Current.CancellationToken);

        var problem = await AssertProblemAsync(response, HttpStatusCode.InternalServerError, "internal");
        Assert.DoesNotContain("secret", problem.GetRawText());
    }

    private Task<HttpResponseMessage> PostAsync(string href, string json, string mediaType = "application/json") =>
        _http.PostAsync(href, new StringContent(json, Encoding.UTF8, mediaType), TestContext.Current.CancellationToken);

    /// <summary>The problem shape every error shares (Problems.cs), valid against the spec's ErrorResponse.</summary>
    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string kind)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(SpecSchema.ValidateSchema("ErrorResponse.yaml", "ErrorResponse", body));
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        foreach (var member in (string[])["type", "title", "status", "detail", "instance", "trace_id"])
            Assert.True(problem.TryGetProperty(member, out _), $"The problem has no {member}: {body}");
        Assert.Equal("https://api.opentabletop.org/problems/" + kind, problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.Equal(response.RequestMessage!.RequestUri!.AbsoluteUri, problem.GetProperty("instance").GetString());
        Assert.Matches("^[0-9a-f]{32}$", problem.GetProperty("trace_id").GetString());
        return problem;
    }
}

/// <summary>The API with the probe endpoints and a small body limit, on an empty database (no case reads data).</summary>
public sealed class ProbedApi(PostgresFixture postgres) : IAsyncLifetime
{
    public const int MaxBodyBytes = 1024;

    private ApiFactory _api = null!;

    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _api = ApiFactory.StartWith(await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken), ProbeEndpoints.AddTo,
            ("MAX_REQUEST_BODY_BYTES", MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Http = _api.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _api.DisposeAsync();
    }
}
