using System.Net;
using Microsoft.Extensions.Configuration;
using OpenTabletop.AppHost.Hosting.Dashboard;

namespace OpenTabletop.Tests.AppHost.Dashboard;

public sealed class DashboardOptionsTests
{
    [Fact]
    public void DefaultsAreAspiresPortsOnLoopbackWithFreePortsAsFallback()
    {
        var options = DashboardOptions.From(Config());

        Assert.True(options.Enabled);
        Assert.True(options.IsLoopback);
        Assert.Equal(new PortChoice(18888, Exact: false), options.Port);
        Assert.Equal(new PortChoice(4317, Exact: false), options.OtlpGrpcPort);
        Assert.Equal(new PortChoice(4318, Exact: false), options.OtlpHttpPort);
        Assert.Null(options.BrowserToken);
    }

    [Fact]
    public void AspiresDashboardEndpointTurnsOursOffUnlessAskedFor()
    {
        Assert.False(DashboardOptions.From(Config(("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "http://localhost:18889"))).Enabled);
        Assert.False(DashboardOptions.From(Config(("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "http://localhost:18890"))).Enabled);
        Assert.True(DashboardOptions.From(Config(("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "http://localhost:18889"), ("AppHost:Dashboard:Enabled", "true"))).Enabled);
    }

    [Fact]
    public void GivenPortsAreExactAndHostAndLimitsAreRead()
    {
        var options = DashboardOptions.From(Config(
            ("AppHost:Dashboard:Port", "9000"),
            ("AppHost:Dashboard:OtlpGrpcPort", "0"),
            ("AppHost:Dashboard:Host", "*"),
            ("AppHost:Dashboard:MaxTraces", "10"),
            ("ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN", "secret")));

        Assert.Equal(new PortChoice(9000, Exact: true), options.Port);
        Assert.Equal(new PortChoice(0, Exact: false), options.OtlpGrpcPort);
        Assert.Equal(IPAddress.Any, options.Address);
        Assert.False(options.IsLoopback);
        Assert.Equal(10, options.Limits.MaxTraces);
        Assert.Equal("secret", options.BrowserToken);
    }

    [Theory]
    [InlineData("AppHost:Dashboard:Port", "70000")]
    [InlineData("AppHost:Dashboard:MaxLogsPerResource", "0")]
    [InlineData("AppHost:Dashboard:Host", "dashboard.example")]
    public void InvalidSettingsAreRefusedNamingThem(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DashboardOptions.From(Config((key, value))));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
