using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace OpenTabletop.AppHost.Hosting.Testing;

/// <summary>
/// Builds the AppHost's application for a test, as Aspire.Hosting.Testing does: the same graph
/// (<see cref="AppHostGraph.Configure"/>), but with servers in a temporary folder on free ports, the
/// API on a free port, sample seed data, and no console handling.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    public static Task<DistributedApplication> CreateAsync(CancellationToken cancellationToken = default) =>
        CreateAsync([], configure: null, cancellationToken);

    /// <param name="args">Command-line style configuration, as the AppHost would receive.</param>
    /// <param name="configure">Runs before the graph is built; override configuration here (b.Configuration["Seed:Mode"] = "none").</param>
    public static Task<DistributedApplication> CreateAsync(string[] args, Action<IDistributedApplicationBuilder>? configure = null, CancellationToken cancellationToken = default) =>
        CreateAsync(args, configure, AppHostGraph.Configure, cancellationToken);

    /// <summary>Builds a graph other than the AppHost's, with the same test settings (for tests of the orchestrator itself).</summary>
    public static Task<DistributedApplication> CreateAsync(
        string[] args,
        Action<IDistributedApplicationBuilder>? configure,
        Action<IDistributedApplicationBuilder> graph,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var directory = TemporaryDirectory.Create("apphost");
        try
        {
            var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, IsTestHost = true });
            ApplyTestDefaults(builder.Configuration, directory.Path);
            configure?.Invoke(builder);
            graph(builder);

            var app = builder.Build();
            app.DisposeWhenStopped(directory);
            return Task.FromResult(app);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    private static void ApplyTestDefaults(ConfigurationManager configuration, string dataDirectory)
    {
        var values = new Dictionary<string, string?>
        {
            // Never the repository's .data: each test application starts from nothing.
            ["AppHost:DataDirectory"] = dataDirectory,
            ["AppHost:NamePrefix"] = $"opentabletop-test-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}",
        };

        Default(values, configuration, "AppHost:ApiPort", "0");
        Default(values, configuration, "Seed:Mode", "sample");
        // As Aspire's testing builder does (DisableDashboard): a test that wants it turns it on.
        Default(values, configuration, "AppHost:Dashboard:Enabled", "false");

        // The fixtures' switches also point the whole application at existing servers.
        if (Environment.GetEnvironmentVariable("OTT_TEST_POSTGRES") is { Length: > 0 } postgres)
        {
            Default(values, configuration, "ConnectionStrings:postgres", postgres);
        }

        if (Environment.GetEnvironmentVariable("OTT_TEST_REDIS") is { Length: > 0 } redis)
        {
            Default(values, configuration, "ConnectionStrings:cache", redis);
        }

        configuration.AddInMemoryCollection(values);
    }

    private static void Default(Dictionary<string, string?> values, IConfiguration configuration, string key, string value)
    {
        if (string.IsNullOrEmpty(configuration[key]))
        {
            values[key] = value;
        }
    }
}
