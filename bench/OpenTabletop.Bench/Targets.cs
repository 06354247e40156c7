using System.Net;
using System.Text;
using Npgsql;

namespace OpenTabletop.Bench;

/// <summary>One API request of a scenario's mix.</summary>
internal sealed record ApiRequest(string Method, string PathAndQuery, string? JsonBody = null)
{
    public static ApiRequest Get(string pathAndQuery) => new("GET", pathAndQuery);

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), PathAndQuery);
        if (JsonBody is not null) message.Content = new StringContent(JsonBody, Encoding.UTF8, "application/json");
        return message;
    }

    public override string ToString() => JsonBody is null ? $"{Method} {PathAndQuery}" : $"{Method} {PathAndQuery} {JsonBody}";
}

/// <summary>The API over HTTP: every worker shares one client whose pool holds one connection per worker.</summary>
internal sealed class HttpTarget(HttpClient client, IReadOnlyList<ApiRequest> mix) : ILoadTarget
{
    public static HttpClient CreateClient(Uri baseUrl, int concurrency, TimeSpan timeout, string? apiKey)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
        };
        var client = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = timeout };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        return client;
    }

    public Task<ILoadWorker> OpenWorkerAsync(CancellationToken ct) => Task.FromResult<ILoadWorker>(new Worker(client, mix));

    private sealed class Worker(HttpClient client, IReadOnlyList<ApiRequest> mix) : ILoadWorker
    {
        public async Task<string?> RunAsync(long sequence, CancellationToken ct)
        {
            using var request = mix[(int)(sequence % mix.Count)].ToMessage();
            try
            {
                // The default completion reads the whole body before returning, so the latency includes it.
                using var response = await client.SendAsync(request, ct);
                return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                return "timeout";
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>The database directly: every worker holds its own connection from one pooled data source.</summary>
internal sealed class SqlTarget(NpgsqlDataSource dataSource, IReadOnlyList<SqlWork> mix) : ILoadTarget
{
    public async Task<ILoadWorker> OpenWorkerAsync(CancellationToken ct) => new Worker(await dataSource.OpenConnectionAsync(ct), mix);

    private sealed class Worker(NpgsqlConnection connection, IReadOnlyList<SqlWork> mix) : ILoadWorker
    {
        public async Task<string?> RunAsync(long sequence, CancellationToken ct)
        {
            await mix[(int)(sequence % mix.Count)].RunAsync(connection, ct);
            return null;
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
