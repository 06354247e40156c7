using Microsoft.Extensions.Configuration;
using OpenTabletop.AppHost.Hosting.Orchestration;

namespace OpenTabletop.Tests.AppHost;

public sealed class ProjectEnvironmentTests
{
    [Fact]
    public void ProjectReceivesConnectionStringsUnderAspiresNames()
    {
        var environment = ProjectEnvironment.Build(Inputs() with
        {
            ConnectionStrings = [new("opentabletop", "Host=127.0.0.1;Port=5432;Database=opentabletop"), new("cache", "127.0.0.1:6379")],
        });

        Assert.Equal("Host=127.0.0.1;Port=5432;Database=opentabletop", environment["ConnectionStrings__opentabletop"]);
        Assert.Equal("127.0.0.1:6379", environment["ConnectionStrings__cache"]);
    }

    [Fact]
    public void ProjectIsNamedForOpenTelemetryByItsResourceName()
    {
        var environment = ProjectEnvironment.Build(Inputs("materializer"));

        Assert.Equal("materializer", environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("service.instance.id=materializer", environment["OTEL_RESOURCE_ATTRIBUTES"]);
    }

    [Fact]
    public void OtlpEndpointIsPassedOnlyWhenConfigured()
    {
        var without = ProjectEnvironment.Build(Inputs() with { Otlp = ProjectEnvironment.ReadOtlp(Config()) });
        var with = ProjectEnvironment.Build(Inputs() with { Otlp = ProjectEnvironment.ReadOtlp(Config(("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "http://localhost:4317"))) });

        Assert.DoesNotContain(without.Keys, key => key.StartsWith("OTEL_EXPORTER_OTLP", StringComparison.Ordinal));
        Assert.Equal("http://localhost:4317", with["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("grpc", with["OTEL_EXPORTER_OTLP_PROTOCOL"]);
    }

    [Fact]
    public void PlainOtelEndpointSettingAlsoConfiguresExport()
    {
        var otlp = ProjectEnvironment.ReadOtlp(Config(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")));

        var environment = ProjectEnvironment.Build(Inputs() with { Otlp = otlp });

        Assert.Equal("http://collector:4318", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http/protobuf", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
    }

    [Fact]
    public void ProjectWithAnHttpEndpointListensOnLoopback()
    {
        var environment = ProjectEnvironment.Build(Inputs("api") with { HttpUrl = "http://127.0.0.1:5080" });

        Assert.Equal("http://127.0.0.1:5080", environment["ASPNETCORE_URLS"]);
    }

    [Fact]
    public void ProjectWithoutEndpointsGetsNoUrls()
    {
        Assert.DoesNotContain("ASPNETCORE_URLS", ProjectEnvironment.Build(Inputs("migrations")).Keys);
    }

    [Fact]
    public void ReferencedServiceIsDiscoverableUnderServicesKeys()
    {
        var environment = ProjectEnvironment.Build(Inputs("web") with
        {
            ServiceEndpoints = [new ServiceEndpoint("api", "http", "http://127.0.0.1:5080")],
        });

        Assert.Equal("http://127.0.0.1:5080", environment["services__api__http__0"]);
    }

    [Fact]
    public void EnvironmentNameDefaultsToDevelopmentAndFollowsTheAppHost()
    {
        Assert.Equal("Development", ProjectEnvironment.EnvironmentName(Config()));
        Assert.Equal("Staging", ProjectEnvironment.EnvironmentName(Config(("DOTNET_ENVIRONMENT", "Staging"))));
        Assert.Equal("Production", ProjectEnvironment.EnvironmentName(Config(("ASPNETCORE_ENVIRONMENT", "Production"))));

        var environment = ProjectEnvironment.Build(Inputs() with { EnvironmentName = "Staging" });
        Assert.Equal("Staging", environment["DOTNET_ENVIRONMENT"]);
        Assert.Equal("Staging", environment["ASPNETCORE_ENVIRONMENT"]);
    }

    private static ProjectEnvironmentInputs Inputs(string name = "api") => new() { ResourceName = name, EnvironmentName = "Development" };

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
