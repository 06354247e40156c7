using System.Net;
using System.Text.Json;

namespace OpenTabletop.Tests.Support;

public static class HttpJson
{
    /// <summary>GETs a 200 JSON body, failing with the status and body otherwise.</summary>
    public static async Task<JsonDocument> GetJsonAsync(this HttpClient http, string href)
    {
        using var response = await http.GetAsync(href, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{href}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
