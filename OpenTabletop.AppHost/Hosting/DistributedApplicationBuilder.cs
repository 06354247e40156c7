using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTabletop.AppHost.Hosting.ApplicationModel;
using OpenTabletop.AppHost.Hosting.Logging;

namespace OpenTabletop.AppHost.Hosting;

public sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    /// <summary>The switches azd and aspirate pass, mapped as Aspire maps them.</summary>
    private static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--publisher"] = "Publishing:Publisher",
        ["--output-path"] = "Publishing:OutputPath",
        // Ours, for the kubernetes publisher.
        ["--image-tag"] = "Publishing:ImageTag",
        ["--image-registry"] = "Publishing:ImageRegistry",
    };

    private readonly List<IResource> _resources = [];
    private readonly DistributedApplicationOptions _options;

    public DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        _options = options;
        Configuration = new ConfigurationManager();
        Configuration.AddEnvironmentVariables();
        AppHostDirectory = options.AppHostDirectory ?? Configuration["AppHost:Directory"] ?? AppHostLocation.FindAppHostDirectory();

        var environmentName = Configuration["DOTNET_ENVIRONMENT"] ?? Configuration["ASPNETCORE_ENVIRONMENT"] ?? "Development";
        Configuration.AddJsonFile(Path.Combine(AppHostDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        Configuration.AddJsonFile(Path.Combine(AppHostDirectory, $"appsettings.{environmentName}.json"), optional: true, reloadOnChange: false);
        // Environment variables and the command line override the files.
        Configuration.AddEnvironmentVariables();
        Configuration.AddCommandLine(options.Args, SwitchMappings);

        ExecutionContext = Configuration["Publishing:Publisher"] is { Length: > 0 } publisher
            ? new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish, publisher, Configuration["Publishing:OutputPath"])
            : new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run);

        Services = new ServiceCollection();
        Services.AddSingleton<IConfiguration>(Configuration);
        Services.AddLogging(logging =>
        {
            logging.AddConfiguration(Configuration.GetSection("Logging"));
            if (!options.IsTestHost || Configuration.GetValue<bool>("AppHost:ConsoleLogs"))
            {
                logging.AddConsole(console => console.FormatterName = AppHostConsoleFormatter.FormatterName);
                logging.AddConsoleFormatter<AppHostConsoleFormatter, ConsoleFormatterOptions>();
            }
        });
    }

    public ConfigurationManager Configuration { get; }

    public IServiceCollection Services { get; }

    public DistributedApplicationExecutionContext ExecutionContext { get; }

    public string AppHostDirectory { get; }

    public IReadOnlyList<IResource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource
    {
        if (_resources.Any(existing => string.Equals(existing.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DistributedApplicationException($"Cannot add resource of type '{typeof(T).Name}' with name '{resource.Name}' because a resource with that name already exists.");
        }

        _resources.Add(resource);
        return CreateResourceBuilder(resource);
    }

    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource)
        where T : IResource => new ResourceBuilder<T>(this, resource);

    public DistributedApplication Build()
    {
        var model = new DistributedApplicationModel(_resources);
        Services.AddSingleton(model);
        Services.AddSingleton(ExecutionContext);
        Services.AddSingleton(_options);
        Services.AddSingleton<ResourceLoggerService>();
        Services.AddSingleton<ResourceNotificationService>();
        return new DistributedApplication(Services.BuildServiceProvider(), _options, AppHostDirectory);
    }
}
