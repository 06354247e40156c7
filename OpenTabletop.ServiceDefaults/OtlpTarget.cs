using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace OpenTabletop.ServiceDefaults;

/// <summary>Where a service exports its telemetry, and which setting said so.</summary>
/// <param name="Endpoint">The endpoint to use instead of OTEL_EXPORTER_OTLP_ENDPOINT; null = the standard OTEL_EXPORTER_OTLP_* settings apply as they are.</param>
public sealed record OtlpTarget(Uri? Endpoint, OtlpExportProtocol? Protocol, string Setting)
{
    /// <summary>
    /// Aspire's dashboard settings first, so that a developer running the standalone Aspire dashboard
    /// sees every service by setting one variable: <c>ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL</c> (gRPC), then
    /// <c>ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL</c> (http/protobuf), each with its older DOTNET_ name;
    /// then <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>. Null when none is set: nothing is exported.
    /// </summary>
    public static OtlpTarget? Select(IConfiguration configuration)
    {
        foreach (var (setting, protocol) in new[]
        {
            ("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", OtlpExportProtocol.Grpc),
            ("DOTNET_DASHBOARD_OTLP_ENDPOINT_URL", OtlpExportProtocol.Grpc),
            ("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", OtlpExportProtocol.HttpProtobuf),
            ("DOTNET_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", OtlpExportProtocol.HttpProtobuf),
        })
        {
            if (configuration[setting] is { } value && !string.IsNullOrWhiteSpace(value))
            {
                return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"
                    ? new OtlpTarget(endpoint, protocol, setting)
                    : throw new ConfigurationException(setting, $"must be an http:// or https:// URL, not '{value}'.");
            }
        }

        return string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
            ? null
            : new OtlpTarget(null, null, "OTEL_EXPORTER_OTLP_ENDPOINT");
    }
}
