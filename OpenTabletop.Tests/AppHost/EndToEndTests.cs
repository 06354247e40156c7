using System.Net;
using System.Text.Json;
using OpenTabletop.AppHost.Hosting.Testing;

namespace OpenTabletop.Tests.AppHost;

/// <summary>The whole application, started the way the AppHost starts it, read over HTTP.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task SpiritIslandIsServedOverHttpByTheWholeApplication()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync([], b => b.Configuration["Seed:Mode"] = "sample", ct);

        await app.StartAsync(ct);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api", ct);
        using var http = app.CreateHttpClient("api");
        using var response = await http.GetAsync(new Uri("/v1/games/spirit-island", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var game = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        Assert.Equal("spirit-island", game.RootElement.GetProperty("slug").GetString());
    }
}
