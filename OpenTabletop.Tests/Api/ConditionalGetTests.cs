using System.Net;
using System.Net.Http.Headers;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

public sealed class ConditionalGetTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    [Theory]
    [InlineData("/v1/games/spirit-island", "public, max-age=86400")]
    [InlineData("/v1/games/spirit-island/editions", "public, max-age=86400")]
    [InlineData("/v1/mechanics", "public, max-age=86400")]
    [InlineData("/v1/themes/fantasy", "public, max-age=86400")]
    [InlineData("/v1/designers/r-eric-reuss", "public, max-age=86400")]
    [InlineData("/v1/designers", "public, max-age=300")]
    [InlineData("/v1/games/spirit-island/player-count-ratings", "public, max-age=300")]
    [InlineData("/v1/games/spirit-island/effective-properties?with=spirit-island-jagged-earth", "public, max-age=300")]
    public async Task MatchingETagAnswersNotModifiedWithTheCachePolicy(string href, string cacheControl)
    {
        var ct = TestContext.Current.CancellationToken;
        using var first = await Http.GetAsync(href, ct);
        var tag = first.Headers.ETag;

        using var strong = await SendAsync(href, tag!.Tag);
        using var weak = await SendAsync(href, "W/" + tag.Tag);
        using var other = await SendAsync(href, "\"something-else\"");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(tag.IsWeak);
        Assert.Equal(cacheControl, first.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, strong.StatusCode);
        Assert.Empty(await strong.Content.ReadAsByteArrayAsync(ct));
        Assert.Equal(tag, strong.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, weak.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(ct), await other.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task ETagIsTheSameOnEveryReplicaAndChangesWithTheContent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var replica = ApiFactory.Start(ConnectionString);
        using var otherHttp = replica.CreateClient();

        using var here = await Http.GetAsync("/v1/games/terraforming-mars", ct);
        using var there = await otherHttp.GetAsync("/v1/games/terraforming-mars", ct);
        await using (var dataSource = Npgsql.NpgsqlDataSource.Create(ConnectionString))
        await using (var command = dataSource.CreateCommand("UPDATE games SET name = 'Terraforming Mars (Revised)' WHERE slug = 'terraforming-mars'"))
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        using var changed = await Http.GetAsync("/v1/games/terraforming-mars", ct);

        Assert.Equal(here.Headers.ETag, there.Headers.ETag);
        Assert.NotEqual(here.Headers.ETag, changed.Headers.ETag);
    }

    [Fact]
    public async Task ErrorsCarryNoETag()
    {
        using var response = await Http.GetAsync("/v1/games/no-such-game", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.ETag);
    }

    private async Task<HttpResponseMessage> SendAsync(string href, string ifNoneMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, href);
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
