using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OpenTabletop.Tests.Support;

/// <summary>
/// The real Api program on a real Kestrel socket (loopback, free port), configured like the AppHost
/// configures it: connection strings and environment settings only.
/// </summary>
public sealed class ApiFactory(IReadOnlyDictionary<string, string?> settings, Action<IWebHostBuilder>? configureWebHost = null)
    : WebApplicationFactory<OpenTabletop.Api.ApiEntryPoint>
{
    /// <summary>The API_KEY_SALT every test Api runs with, so tests can hash keys as it does.</summary>
    public const string TestSalt = "test-salt-of-the-api-factory-0123456789";

    public static ApiFactory Start(string databaseConnectionString, params (string Key, string? Value)[] extra) =>
        StartWith(databaseConnectionString, null, extra);

    /// <summary>Like <see cref="Start"/>, with a test's own additions to the host (e.g. a probe endpoint's startup filter).</summary>
    public static ApiFactory StartWith(string databaseConnectionString, Action<IWebHostBuilder>? configureWebHost, params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:opentabletop"] = databaseConnectionString,
            ["LOG_LEVEL"] = "warning",
            // Outside Development the Api refuses to start without one (tests run as "Testing").
            ["API_KEY_SALT"] = TestSalt,
            // Tests make many requests from one address; the rate-limit tests set their own limits.
            ["RATE_LIMIT_ANONYMOUS"] = "100000000",
            ["RATE_LIMIT_AUTHENTICATED"] = "100000000",
            // Tests change rows directly, as a hand edit would, and read them back at once; the response
            // cache's own tests turn it on.
            ["RESPONSE_CACHE_SECONDS"] = "0",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        var factory = new ApiFactory(settings, configureWebHost);
        // Listen(port 0) rather than UseKestrel(0): with a port, the factory rewrites the server's addresses after the
        // app has started binding on its own thread, and loses that race now and then ("IServerAddressesFeature.Addresses
        // cannot be modified after the server has started", dotnet/aspnetcore#67714).
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        configureWebHost?.Invoke(builder);
    }
}
