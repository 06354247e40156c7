using System.Diagnostics;
using System.Net;
using System.Text;
using OpenTabletop.AppHost.Hosting.Processes;
using OpenTabletop.AppHost.Hosting.Provisioning;

namespace OpenTabletop.Tests.Support;

/// <summary>
/// The Api's own build output as an operator runs it (Production, settings from the environment) on
/// a free loopback port: for what only a real process shows, such as its answer to SIGTERM and its
/// exit code.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ApiProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote to stdout and stderr so far, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Starts the Api against <paramref name="connectionString"/> and waits until /readyz answers 200.</summary>
    public static Task<ApiProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string> settings, CancellationToken ct) =>
        StartAsync(connectionString, settings, "/readyz", ct);

    /// <summary>Starts the Api and waits only until it is alive (/healthz 200): for a database it cannot use.</summary>
    public static Task<ApiProcess> StartUnreadyAsync(string connectionString, CancellationToken ct) =>
        StartAsync(connectionString, new Dictionary<string, string>(), "/healthz", ct);

    private static async Task<ApiProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string> settings, string probe, CancellationToken ct)
    {
        var port = FreePort.Find();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__opentabletop"] = connectionString,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["API_KEY_SALT"] = ApiFactory.TestSalt,
            ["RATE_LIMIT_ANONYMOUS"] = "100000000",
            ["LOG_FORMAT"] = "text",
            ["LOG_LEVEL"] = "warning",
        };
        foreach (var (key, value) in settings) environment[key] = value;
        var start = ServiceProcess.StartInfo("OpenTabletop.Api", environment);
        var process = Process.Start(start)!;
        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => api.Append(e.Data);
        process.ErrorDataReceived += (_, e) => api.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = api.CreateClient();
        var ready = await Deadline.PollAsync(async () =>
        {
            if (process.HasExited) return HttpStatusCode.Gone;
            try
            {
                using var response = await http.GetAsync(probe, ct);
                return response.StatusCode;
            }
            catch (HttpRequestException)
            {
                return HttpStatusCode.ServiceUnavailable;
            }
        }, status => status is HttpStatusCode.OK or HttpStatusCode.Gone, TimeSpan.FromSeconds(60), ct);
        if (ready != HttpStatusCode.OK)
        {
            await api.DisposeAsync();
            Assert.Fail($"The Api did not answer {probe} with 200 ({ready}):\n{api.Output}");
        }
        return api;
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>What Kubernetes sends a pod it stops.</summary>
    public void Terminate() => Assert.True(PosixSignals.Send(_process.Id, Signal.Terminate), "SIGTERM could not be sent");

    /// <returns>The exit code, or null when the process did not exit within <paramref name="within"/>.</returns>
    public async Task<int?> WaitForExitAsync(TimeSpan within, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
