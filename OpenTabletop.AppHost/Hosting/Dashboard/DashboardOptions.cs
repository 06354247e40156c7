using System.Net;
using Microsoft.Extensions.Configuration;

namespace OpenTabletop.AppHost.Hosting.Dashboard;

/// <summary>
/// The dashboard's settings, read from <c>AppHost:Dashboard:*</c> (Aspire's browser-token variable is
/// honoured too). Ports left at their defaults fall back to free ones when taken, so parallel test
/// runs and a second AppHost still start; a port given explicitly must be free.
/// </summary>
public sealed record DashboardOptions
{
    public const int DefaultPort = 18888;
    public const int DefaultOtlpGrpcPort = 4317;
    public const int DefaultOtlpHttpPort = 4318;

    public bool Enabled { get; init; } = true;

    public IPAddress Address { get; init; } = IPAddress.Loopback;

    public PortChoice Port { get; init; } = new(DefaultPort, Exact: false);

    public PortChoice OtlpGrpcPort { get; init; } = new(DefaultOtlpGrpcPort, Exact: false);

    public PortChoice OtlpHttpPort { get; init; } = new(DefaultOtlpHttpPort, Exact: false);

    /// <summary>Required from browsers when the dashboard listens beyond loopback; null means none given (one is generated then).</summary>
    public string? BrowserToken { get; init; }

    /// <summary>Required as <c>x-otlp-api-key</c> on OTLP requests when set (AppHost:OtlpApiKey).</summary>
    public string? OtlpApiKey { get; init; }

    public TelemetryLimits Limits { get; init; } = new();

    public bool IsLoopback => IPAddress.IsLoopback(Address);

    public static DashboardOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("AppHost:Dashboard");
        var defaults = new TelemetryLimits();
        return new DashboardOptions
        {
            // Someone who points the services at Aspire's own dashboard wants that one, not ours.
            Enabled = section.GetValue<bool?>("Enabled") ?? ExternalDashboard(configuration) is null,
            Address = ParseAddress(section["Host"]),
            Port = Choose(section, "Port", DefaultPort),
            OtlpGrpcPort = Choose(section, "OtlpGrpcPort", DefaultOtlpGrpcPort),
            OtlpHttpPort = Choose(section, "OtlpHttpPort", DefaultOtlpHttpPort),
            BrowserToken = NonEmpty(section["BrowserToken"]) ?? NonEmpty(configuration["ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN"]),
            OtlpApiKey = NonEmpty(configuration["AppHost:OtlpApiKey"]),
            Limits = new TelemetryLimits
            {
                MaxTraces = Positive(section, "MaxTraces", defaults.MaxTraces),
                MaxSpansPerTrace = Positive(section, "MaxSpansPerTrace", defaults.MaxSpansPerTrace),
                MaxLogsPerResource = Positive(section, "MaxLogsPerResource", defaults.MaxLogsPerResource),
                MaxPointsPerSeries = Positive(section, "MaxPointsPerSeries", defaults.MaxPointsPerSeries),
                MaxSeriesPerResource = Positive(section, "MaxSeriesPerResource", defaults.MaxSeriesPerResource),
            },
        };
    }

    /// <summary>Aspire's dashboard endpoint variables (or their DOTNET_ twins), when the AppHost was given one.</summary>
    public static string? ExternalDashboard(IConfiguration configuration) =>
        NonEmpty(configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"])
        ?? NonEmpty(configuration["DOTNET_DASHBOARD_OTLP_ENDPOINT_URL"])
        ?? NonEmpty(configuration["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"])
        ?? NonEmpty(configuration["DOTNET_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"]);

    private static PortChoice Choose(IConfiguration section, string key, int defaultPort) =>
        section.GetValue<int?>(key) is { } port
            ? port is >= 0 and <= 65535 ? new PortChoice(port, Exact: port != 0) : throw new InvalidOperationException($"AppHost:Dashboard:{key} must be a port (0-65535), not {port}.")
            : new PortChoice(defaultPort, Exact: false);

    private static int Positive(IConfiguration section, string key, int defaultValue) =>
        section.GetValue<int?>(key) is { } value
            ? value > 0 ? value : throw new InvalidOperationException($"AppHost:Dashboard:{key} must be positive, not {value}.")
            : defaultValue;

    private static IPAddress ParseAddress(string? host) => host?.Trim() switch
    {
        null or "" or "localhost" => IPAddress.Loopback,
        "*" or "+" => IPAddress.Any,
        var text => IPAddress.TryParse(text, out var address)
            ? address
            : throw new InvalidOperationException($"AppHost:Dashboard:Host must be an IP address, localhost or *, not '{text}'."),
    };

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>A port to listen on; when not <paramref name="Exact"/>, any free port replaces a taken one.</summary>
public sealed record PortChoice(int Port, bool Exact);

/// <summary>How much telemetry the dashboard keeps in memory; the oldest goes first.</summary>
public sealed record TelemetryLimits
{
    public int MaxTraces { get; init; } = 1000;

    public int MaxSpansPerTrace { get; init; } = 1000;

    public int MaxLogsPerResource { get; init; } = 5000;

    public int MaxPointsPerSeries { get; init; } = 300;

    public int MaxSeriesPerResource { get; init; } = 1000;
}
