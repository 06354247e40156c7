namespace OpenTabletop.AppHost.Hosting.Orchestration;

internal static class HttpHealthProbe
{
    // One client for all probes; without a factory so that no per-request logging floods the console.
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <returns>The status code, or null when nothing answered.</returns>
    public static async Task<int?> GetStatusAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
