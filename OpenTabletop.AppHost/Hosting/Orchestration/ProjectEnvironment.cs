using Microsoft.Extensions.Configuration;

namespace OpenTabletop.AppHost.Hosting.Orchestration;

/// <summary>Where the services send telemetry: Aspire's dashboard settings or a plain OTLP endpoint.</summary>
public sealed record OtlpSettings(string Endpoint, string? Protocol = null, string? Headers = null);

public sealed record ServiceEndpoint(string ServiceName, string EndpointName, string Url);

public sealed record ProjectEnvironmentInputs
{
    public required string ResourceName { get; init; }

    /// <summary>DOTNET_ENVIRONMENT and ASPNETCORE_ENVIRONMENT for the service.</summary>
    public required string EnvironmentName { get; init; }

    /// <summary>The project's own http endpoint, when it has one.</summary>
    public string? HttpUrl { get; init; }

    /// <summary>Connection name → connection string.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ConnectionStrings { get; init; } = [];

    public IReadOnlyList<ServiceEndpoint> ServiceEndpoints { get; init; } = [];

    public OtlpSettings? Otlp { get; init; }
}

/// <summary>
/// The variables a project receives, named exactly as Aspire's orchestrator names them, so a service
/// cannot tell which of the two started it. They are layered over the AppHost's own environment,
/// which the child inherits.
/// </summary>
public static class ProjectEnvironment
{
    public static Dictionary<string, string> Build(ProjectEnvironmentInputs inputs)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_ENVIRONMENT"] = inputs.EnvironmentName,
            ["ASPNETCORE_ENVIRONMENT"] = inputs.EnvironmentName,
            ["OTEL_SERVICE_NAME"] = inputs.ResourceName,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={inputs.ResourceName}",
        };

        foreach (var (name, connectionString) in inputs.ConnectionStrings)
        {
            environment[$"ConnectionStrings__{name}"] = connectionString;
        }

        foreach (var endpoint in inputs.ServiceEndpoints)
        {
            environment[$"services__{endpoint.ServiceName}__{endpoint.EndpointName}__0"] = endpoint.Url;
        }

        if (inputs.HttpUrl is { } url)
        {
            environment["ASPNETCORE_URLS"] = url;
        }

        if (inputs.Otlp is { } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.Endpoint;
            if (otlp.Protocol is { } protocol)
            {
                environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol;
            }

            if (otlp.Headers is { } headers)
            {
                environment["OTEL_EXPORTER_OTLP_HEADERS"] = headers;
            }

            environment["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES"] = "true";
            environment["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EVENT_LOG_ATTRIBUTES"] = "true";
            environment["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory";

            if (string.Equals(inputs.EnvironmentName, "Development", StringComparison.OrdinalIgnoreCase))
            {
                // A developer watching a dashboard wants telemetry within a second, every trace kept.
                environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
                environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
                environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
                environment["OTEL_TRACES_SAMPLER"] = "always_on";
                environment["OTEL_METRICS_EXEMPLAR_FILTER"] = "trace_based";
            }
        }

        return environment;
    }

    /// <summary>
    /// Aspire's dashboard settings (<c>ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL</c> for gRPC,
    /// <c>ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL</c> for http/protobuf, or their DOTNET_ twins), else
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; null when none is configured, so services export nothing.
    /// </summary>
    public static OtlpSettings? ReadOtlp(IConfiguration configuration)
    {
        var headers = NonEmpty(configuration["AppHost:OtlpApiKey"]) is { } apiKey ? $"x-otlp-api-key={apiKey}" : null;

        if ((NonEmpty(configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"]) ?? NonEmpty(configuration["DOTNET_DASHBOARD_OTLP_ENDPOINT_URL"])) is { } grpc)
        {
            return new OtlpSettings(grpc, "grpc", headers);
        }

        if ((NonEmpty(configuration["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"]) ?? NonEmpty(configuration["DOTNET_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"])) is { } http)
        {
            return new OtlpSettings(http, "http/protobuf", headers);
        }

        if (NonEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) is { } endpoint)
        {
            return new OtlpSettings(endpoint, NonEmpty(configuration["OTEL_EXPORTER_OTLP_PROTOCOL"]), headers ?? NonEmpty(configuration["OTEL_EXPORTER_OTLP_HEADERS"]));
        }

        return null;
    }

    /// <summary>The AppHost's own DOTNET_ENVIRONMENT or ASPNETCORE_ENVIRONMENT when set, else Development.</summary>
    public static string EnvironmentName(IConfiguration configuration) =>
        NonEmpty(configuration["DOTNET_ENVIRONMENT"]) ?? NonEmpty(configuration["ASPNETCORE_ENVIRONMENT"]) ?? "Development";

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
