using System.Text.Encodings.Web;
using System.Text.Json;
using OpenTabletop.AppHost.Hosting.ApplicationModel;
using OpenTabletop.AppHost.Hosting.Provisioning;

namespace OpenTabletop.AppHost.Hosting.Publishing;

/// <summary>
/// Writes the Aspire deployment manifest that azd and aspirate consume, from the application model.
/// Only the four resource types both accept are written (parameter.v0, container.v0, value.v0,
/// project.v0): a server the AppHost runs as a local process is still published as its container
/// image. Output is deterministic (model order, fixed key order, LF line ends, no machine paths,
/// no secret values) so that CI can require the committed file to equal a fresh one byte for byte.
/// </summary>
public static class ManifestPublisher
{
    public const string Name = "manifest";
    public const string SchemaUrl = "https://json.schemastore.org/aspire-8.0.json";

    /// <summary>The data volume of a published PostgreSQL, named because anonymous volumes fail the schema.</summary>
    public const string PostgresDataTarget = "/var/lib/postgresql/data";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        // The expressions hold '+', '<' and such only in theory; readable output matters more than HTML safety here.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteAsync(DistributedApplicationModel model, string outputPath, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(outputPath) ?? Environment.CurrentDirectory;
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(outputPath, Render(model, directory), cancellationToken);
    }

    /// <param name="manifestDirectory">Where the manifest will live: project paths are written relative to it.</param>
    public static byte[] Render(DistributedApplicationModel model, string manifestDirectory)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUrl);
            json.WriteStartObject("resources");
            foreach (var resource in model.Resources)
            {
                WriteResource(json, resource, manifestDirectory);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteResource(Utf8JsonWriter json, IResource resource, string manifestDirectory)
    {
        switch (resource)
        {
            case PostgresServerResource postgres:
                WriteGeneratedSecret(json, ManifestExpressions.PasswordParameter(postgres), minLength: 22, special: null);
                WritePostgres(json, postgres);
                break;
            case RedisResource cache:
                // No special characters: the password sits unquoted in a comma-separated Redis configuration string.
                WriteGeneratedSecret(json, ManifestExpressions.PasswordParameter(cache), minLength: 22, special: false);
                WriteRedis(json, cache);
                break;
            case PostgresDatabaseResource database:
                json.WriteStartObject(database.Name);
                json.WriteString("type", "value.v0");
                json.WriteString("connectionString", ManifestExpressions.ConnectionString(database));
                json.WriteEndObject();
                break;
            case ProjectResource project:
                foreach (var secret in project.Annotations.OfType<DeploymentSecretAnnotation>())
                {
                    WriteGeneratedSecret(json, secret.ParameterName, secret.GeneratedMinLength, special: false);
                }

                WriteProject(json, project, manifestDirectory);
                break;
            default:
                // azd fails on executable.v0 ("unsupported resource type") and aspirate does not handle it.
                throw new DistributedApplicationException(
                    $"'{resource.Name}' ({resource.GetType().Name}) cannot be published: azd and aspirate accept only projects, containers, values and parameters.");
        }
    }

    private static void WritePostgres(Utf8JsonWriter json, PostgresServerResource postgres)
    {
        json.WriteStartObject(postgres.Name);
        json.WriteString("type", "container.v0");
        json.WriteString("connectionString", ManifestExpressions.ConnectionString(postgres));
        json.WriteString("image", ContainerCommandLines.PostgresImage);
        json.WriteStartArray("volumes");
        json.WriteStartObject();
        json.WriteString("name", $"opentabletop-{postgres.Name}-data");
        json.WriteString("target", PostgresDataTarget);
        json.WriteBoolean("readOnly", false);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("env");
        json.WriteString("POSTGRES_HOST_AUTH_METHOD", "scram-sha-256");
        json.WriteString("POSTGRES_INITDB_ARGS", "--auth-host=scram-sha-256 --auth-local=scram-sha-256");
        json.WriteString("POSTGRES_USER", "postgres");
        json.WriteString("POSTGRES_PASSWORD", ManifestExpressions.Value(ManifestExpressions.PasswordParameter(postgres)));
        json.WriteEndObject();
        WriteTcpBinding(json, 5432);
        json.WriteEndObject();
    }

    private static void WriteRedis(Utf8JsonWriter json, RedisResource cache)
    {
        json.WriteStartObject(cache.Name);
        json.WriteString("type", "container.v0");
        json.WriteString("connectionString", ManifestExpressions.ConnectionString(cache));
        json.WriteString("image", ContainerCommandLines.RedisImage);
        // The password reaches redis-server through the environment, not the image's command line in the manifest.
        json.WriteString("entrypoint", "/bin/sh");
        json.WriteStartArray("args");
        json.WriteStringValue("-c");
        json.WriteStringValue("redis-server --requirepass $REDIS_PASSWORD");
        json.WriteEndArray();
        json.WriteStartObject("env");
        json.WriteString("REDIS_PASSWORD", ManifestExpressions.Value(ManifestExpressions.PasswordParameter(cache)));
        json.WriteEndObject();
        WriteTcpBinding(json, 6379);
        json.WriteEndObject();
    }

    /// <summary>Scheme tcp, not Aspire 9's "redis": the 8.0 schema allows only http, https, tcp and udp.</summary>
    private static void WriteTcpBinding(Utf8JsonWriter json, int targetPort)
    {
        json.WriteStartObject("bindings");
        json.WriteStartObject("tcp");
        json.WriteString("scheme", "tcp");
        json.WriteString("protocol", "tcp");
        json.WriteString("transport", "tcp");
        json.WriteNumber("targetPort", targetPort);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteProject(Utf8JsonWriter json, ProjectResource project, string manifestDirectory)
    {
        json.WriteStartObject(project.Name);
        json.WriteString("type", "project.v0");
        json.WriteString("path", Path.GetRelativePath(manifestDirectory, project.ProjectPath).Replace('\\', '/'));
        json.WriteStartObject("env");
        foreach (var (name, value) in PublishedEnvironment.Of(project))
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();

        var endpoints = project.Annotations.OfType<EndpointAnnotation>().ToList();
        if (endpoints.Count > 0)
        {
            json.WriteStartObject("bindings");
            foreach (var endpoint in endpoints)
            {
                json.WriteStartObject(endpoint.Name);
                json.WriteString("scheme", endpoint.UriScheme);
                json.WriteString("protocol", "tcp");
                json.WriteString("transport", endpoint.UriScheme is "http" or "https" ? "http" : "tcp");
                // No ports: as Aspire does for a project's http endpoints, the deployment tool chooses
                // (8080 in the .NET container images); the local port is a development choice.
                if (endpoint.IsExternal)
                {
                    json.WriteBoolean("external", true);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteGeneratedSecret(Utf8JsonWriter json, string name, int minLength, bool? special)
    {
        json.WriteStartObject(name);
        json.WriteString("type", "parameter.v0");
        json.WriteString("value", $"{{{name}.inputs.value}}");
        json.WriteStartObject("inputs");
        json.WriteStartObject("value");
        json.WriteString("type", "string");
        json.WriteBoolean("secret", true);
        json.WriteStartObject("default");
        json.WriteStartObject("generate");
        json.WriteNumber("minLength", minLength);
        if (special is { } allowed)
        {
            json.WriteBoolean("special", allowed);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
