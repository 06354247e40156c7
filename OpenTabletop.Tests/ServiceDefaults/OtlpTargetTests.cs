using Microsoft.Extensions.Configuration;
using OpenTabletop.ServiceDefaults;
using OpenTelemetry.Exporter;

namespace OpenTabletop.Tests.ServiceDefaults;

/// <summary>Which endpoint a service exports to, given Aspire's dashboard variables and the standard OTLP one.</summary>
public sealed class OtlpTargetTests
{
    [Fact]
    public void NothingIsExportedWithoutAnEndpoint()
    {
        Assert.Null(OtlpTarget.Select(Config()));
        Assert.Null(OtlpTarget.Select(Config(("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", " "))));
    }

    [Fact]
    public void StandardEndpointLeavesTheExporterToTheOtelVariables()
    {
        var target = OtlpTarget.Select(Config(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")));

        Assert.Equal(new OtlpTarget(null, null, "OTEL_EXPORTER_OTLP_ENDPOINT"), target);
    }

    [Fact]
    public void AspireDashboardGrpcEndpointWinsOverTheStandardOne()
    {
        var target = OtlpTarget.Select(Config(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317"),
            ("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "http://localhost:18889"),
            ("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "http://localhost:18890")));

        Assert.Equal(new OtlpTarget(new Uri("http://localhost:18889"), OtlpExportProtocol.Grpc, "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"), target);
    }

    [Fact]
    public void AspireDashboardHttpEndpointUsesHttpProtobuf()
    {
        var target = OtlpTarget.Select(Config(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317"), ("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "http://localhost:4318")));

        Assert.Equal(new OtlpTarget(new Uri("http://localhost:4318"), OtlpExportProtocol.HttpProtobuf, "ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"), target);
    }

    [Fact]
    public void OlderDotnetDashboardNamesAreHonoured()
    {
        var target = OtlpTarget.Select(Config(("DOTNET_DASHBOARD_OTLP_ENDPOINT_URL", "https://dashboard:18889")));

        Assert.Equal(OtlpExportProtocol.Grpc, target?.Protocol);
        Assert.Equal(new Uri("https://dashboard:18889"), target?.Endpoint);
    }

    [Fact]
    public void MalformedDashboardEndpointStopsTheBootNamingTheVariable()
    {
        var error = Assert.Throws<ConfigurationException>(() => OtlpTarget.Select(Config(("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "localhost:18889"))));

        Assert.Equal("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", error.Variable);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
