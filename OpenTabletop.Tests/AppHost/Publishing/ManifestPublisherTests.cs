using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenTabletop.AppHost.Hosting.Provisioning;
using OpenTabletop.AppHost.Hosting.Publishing;

namespace OpenTabletop.Tests.AppHost.Publishing;

/// <summary>The committed aspire-manifest.json: fresh, in the shapes azd and aspirate accept, with nothing secret or local in it.</summary>
public sealed partial class ManifestPublisherTests
{
    [Fact]
    public async Task CommittedManifestEqualsAFreshOneByteForByte()
    {
        var model = await PublishedModel.BuildAsync();
        var committedPath = Path.Combine(PublishedModel.RepositoryRoot, PublishedModel.ManifestFile);

        var fresh = ManifestPublisher.Render(model, PublishedModel.RepositoryRoot);

        Assert.True(File.Exists(committedPath), $"{PublishedModel.ManifestFile} is missing at the repository root; generate it: {PublishedModel.RegenerateManifest}");
        var committed = await File.ReadAllBytesAsync(committedPath, TestContext.Current.CancellationToken);
        Assert.True(
            committed.AsSpan().SequenceEqual(fresh),
            $"{PublishedModel.ManifestFile} is stale (the AppHost's graph or publisher changed). Regenerate and commit it: {PublishedModel.RegenerateManifest}"
            + $"{Environment.NewLine}Fresh:{Environment.NewLine}{Encoding.UTF8.GetString(fresh)}");
    }

    [Fact]
    public async Task ResourcesAreTheFourAcceptedTypesInModelOrder()
    {
        var resources = (await FreshAsync())["resources"]!.AsObject();

        Assert.Equal(
            ["postgres-password", "postgres", "opentabletop", "cache-password", "cache", "migrations", "api-key-salt", "api", "materializer"],
            resources.Select(pair => pair.Key));
        Assert.All(resources, pair => Assert.Contains(Type(pair.Value), new string?[] { "parameter.v0", "container.v0", "value.v0", "project.v0" }));
    }

    [Fact]
    public async Task PostgresIsTheOfficialImageWithScramAuthAGeneratedPasswordAndANamedVolume()
    {
        var resources = (await FreshAsync())["resources"]!;
        var postgres = resources["postgres"]!;

        Assert.Equal("container.v0", Type(postgres));
        Assert.Equal(ContainerCommandLines.PostgresImage, (string?)postgres["image"]);
        Assert.Equal("docker.io/library/postgres:17", (string?)postgres["image"]);
        Assert.Equal(
            "Host={postgres.bindings.tcp.host};Port={postgres.bindings.tcp.port};Username=postgres;Password={postgres-password.value}",
            (string?)postgres["connectionString"]);
        Assert.Equal("scram-sha-256", (string?)postgres["env"]!["POSTGRES_HOST_AUTH_METHOD"]);
        Assert.Equal("--auth-host=scram-sha-256 --auth-local=scram-sha-256", (string?)postgres["env"]!["POSTGRES_INITDB_ARGS"]);
        Assert.Equal("{postgres-password.value}", (string?)postgres["env"]!["POSTGRES_PASSWORD"]);
        var volume = Assert.Single(postgres["volumes"]!.AsArray())!;
        Assert.Equal("opentabletop-postgres-data", (string?)volume["name"]);
        Assert.Equal("/var/lib/postgresql/data", (string?)volume["target"]);
        Assert.Equal(5432, (int?)postgres["bindings"]!["tcp"]!["targetPort"]);
        Assert.Equal(22, (int?)resources["postgres-password"]!["inputs"]!["value"]!["default"]!["generate"]!["minLength"]);
        Assert.True((bool?)resources["postgres-password"]!["inputs"]!["value"]!["secret"]);
        Assert.Equal("{postgres.connectionString};Database=opentabletop", (string?)resources["opentabletop"]!["connectionString"]);
    }

    [Fact]
    public async Task CacheIsRedisWithATcpBindingAndItsPasswordFromTheEnvironment()
    {
        var resources = (await FreshAsync())["resources"]!;
        var cache = resources["cache"]!;

        Assert.Equal(ContainerCommandLines.RedisImage, (string?)cache["image"]);
        Assert.Equal("docker.io/library/redis:7", (string?)cache["image"]);
        Assert.Equal("{cache.bindings.tcp.host}:{cache.bindings.tcp.port},password={cache-password.value}", (string?)cache["connectionString"]);
        Assert.Equal(["-c", "redis-server --requirepass $REDIS_PASSWORD"], cache["args"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("{cache-password.value}", (string?)cache["env"]!["REDIS_PASSWORD"]);
        Assert.Equal("tcp", (string?)cache["bindings"]!["tcp"]!["scheme"]);
        Assert.Equal(6379, (int?)cache["bindings"]!["tcp"]!["targetPort"]);
        Assert.Equal(22, (int?)resources["cache-password"]!["inputs"]!["value"]!["default"]!["generate"]!["minLength"]);
    }

    [Fact]
    public async Task ProjectsCarryTheirReferencesTelemetrySettingsAndBindingsWithoutPorts()
    {
        var resources = (await FreshAsync())["resources"]!;
        var api = resources["api"]!;
        var migrations = resources["migrations"]!;
        var materializer = resources["materializer"]!;

        Assert.Equal("OpenTabletop.Api/OpenTabletop.Api.csproj", (string?)api["path"]);
        Assert.Equal("OpenTabletop.MigrationService/OpenTabletop.MigrationService.csproj", (string?)migrations["path"]);
        Assert.Equal("{opentabletop.connectionString}", (string?)api["env"]!["ConnectionStrings__opentabletop"]);
        Assert.Equal("{cache.connectionString}", (string?)api["env"]!["ConnectionStrings__cache"]);
        Assert.Equal("{cache.connectionString}", (string?)materializer["env"]!["ConnectionStrings__cache"]);
        Assert.Null(migrations["env"]!["ConnectionStrings__cache"]);
        Assert.Equal("{api-key-salt.value}", (string?)api["env"]!["API_KEY_SALT"]);
        foreach (var project in new[] { api, migrations, materializer })
        {
            Assert.Equal("in_memory", (string?)project["env"]!["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"]);
            Assert.Equal("true", (string?)project["env"]!["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES"]);
            // Trusting every proxy would let any caller pick its rate-limit bucket (see PublishedEnvironment.Withheld).
            Assert.Null(project["env"]!["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]);
            Assert.Null(project["env"]!["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        }

        var http = api["bindings"]!["http"]!.AsObject();
        Assert.Equal(["scheme", "protocol", "transport", "external"], http.Select(pair => pair.Key));
        Assert.Equal("http", (string?)http["transport"]);
        Assert.True((bool?)http["external"]);
        Assert.Null(migrations["bindings"]);
        Assert.Null(materializer["bindings"]);
    }

    [Fact]
    public async Task ManifestHoldsNoSecretNoMachinePathAndNoTimestamp()
    {
        var text = Encoding.UTF8.GetString(ManifestPublisher.Render(await PublishedModel.BuildAsync(), PublishedModel.RepositoryRoot));

        Assert.DoesNotContain(PublishedModel.RepositoryRoot, text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(DatePattern(), text);
        // Every password is a placeholder the deployment tool fills.
        foreach (Match password in PasswordPattern().Matches(text))
        {
            Assert.StartsWith("{", password.Groups["value"].Value, StringComparison.Ordinal);
        }

        Assert.Equal(2, PasswordPattern().Matches(text).Count);
    }

    [Fact]
    public async Task EveryPlaceholderNamesAResourceInTheFileThatHasWhatItAsksFor()
    {
        var manifest = await FreshAsync();
        var resources = manifest["resources"]!.AsObject();
        var strings = Strings(manifest).ToList();
        var placeholders = strings.SelectMany(s => AnyPlaceholder().Matches(s)).Select(m => m.Value).ToList();

        Assert.True(placeholders.Count >= 12, $"expected the manifest's references, found {placeholders.Count}");
        Assert.All(placeholders, placeholder =>
        {
            var match = Placeholder().Match(placeholder);
            Assert.True(match.Success, $"{placeholder} is not a placeholder shape deployment tools resolve");
            var target = resources[match.Groups["resource"].Value];
            Assert.True(target is not null, $"{placeholder} names a resource the manifest does not have");
            var property = match.Groups["property"].Value;
            if (property == "connectionString")
            {
                Assert.True(target["connectionString"] is not null, $"{placeholder}: the resource has no connection string");
            }
            else if (property is "value" or "inputs.value")
            {
                Assert.Equal("parameter.v0", Type(target));
                Assert.True(target["inputs"]?["value"] is not null, $"{placeholder}: the parameter has no value input");
            }
            else
            {
                var binding = match.Groups["binding"].Value;
                Assert.True(target["bindings"]?[binding] is not null, $"{placeholder}: the resource has no binding '{binding}'");
            }
        });
    }

    private static async Task<JsonNode> FreshAsync() =>
        JsonNode.Parse(ManifestPublisher.Render(await PublishedModel.BuildAsync(), PublishedModel.RepositoryRoot))!;

    private static string? Type(JsonNode? resource) => (string?)resource?["type"];

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(pair => Strings(pair.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex AnyPlaceholder();

    [GeneratedRegex(@"^\{(?<resource>[a-z0-9-]+)\.(?<property>connectionString|value|inputs\.value|bindings\.(?<binding>[a-z0-9-]+)\.(host|port|targetPort|url|scheme))\}$")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?i)password=(?<value>[^;,""]*)")]
    private static partial Regex PasswordPattern();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:")]
    private static partial Regex DatePattern();
}
