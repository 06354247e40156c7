using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTabletop.AppHost.Hosting;

namespace OpenTabletop.AppHost;

/// <summary>
/// The application's resources and how they depend on each other. Program.cs runs it; the tests'
/// DistributedApplicationTestingBuilder builds the very same graph.
/// </summary>
public static class AppHostGraph
{
    /// <summary>The API's port when AppHost:ApiPort is not set, unless something else holds it.</summary>
    public const int DefaultApiPort = 5080;

    public static void Configure(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres");
        var db = postgres.AddDatabase("opentabletop");
        var cache = builder.AddRedis("cache");

        var migrations = builder.AddProject("migrations", "../OpenTabletop.MigrationService/OpenTabletop.MigrationService.csproj")
            .WithReference(db)
            .WaitFor(postgres)
            .WithEnvironment(context => ForwardSection(builder.Configuration, "Seed", context.EnvironmentVariables));

        builder.AddProject("api", "../OpenTabletop.Api/OpenTabletop.Api.csproj")
            .WithReference(db)
            .WithReference(cache)
            .WaitFor(cache)
            .WaitForCompletion(migrations)
            .WithEndpoint("http", endpoint => ApiPort(builder.Configuration, endpoint))
            .WithHttpHealthCheck("/readyz")
            .WithExternalHttpEndpoints()
            // Outside Development the Api refuses to boot without it; a deployment must supply one.
            .WithDeploymentSecret("API_KEY_SALT", "api-key-salt")
            .OnResourceReady((api, e, ct) =>
            {
                var url = api.GetEndpoint("http").Url;
                e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OpenTabletop.AppHost")
                    .LogInformation("{Banner}", $"{Environment.NewLine}{Environment.NewLine}    OpenTabletop API: {url}  (try /v1/games/spirit-island){Environment.NewLine}");
                return Task.CompletedTask;
            });

        builder.AddProject("materializer", "../OpenTabletop.Materializer/OpenTabletop.Materializer.csproj")
            .WithReference(db)
            .WithReference(cache)
            .WaitForCompletion(migrations)
            // Clusters that want no long-running worker run one pipeline a night instead (exit 3 = another run held the lock).
            .WithCronJobAlternative("0 4 * * *", "--once");
    }

    /// <summary>AppHost:ApiPort when set (0 = any free port), else 5080 when free, else any free port.</summary>
    private static void ApiPort(IConfiguration configuration, Hosting.ApplicationModel.EndpointAnnotation endpoint)
    {
        if (configuration.GetValue<int?>("AppHost:ApiPort") is { } port)
        {
            endpoint.Port = port;
        }
        else
        {
            endpoint.PreferredPort = DefaultApiPort;
        }
    }

    /// <summary>
    /// Seed settings given to the AppHost (configuration, command line, or a test) reach the
    /// migration service as Seed__Mode, Seed__Games...
    /// </summary>
    private static void ForwardSection(IConfiguration configuration, string section, Dictionary<string, string> environment)
    {
        foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
        {
            if (value is not null)
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }
    }
}
