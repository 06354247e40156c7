using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace OpenTabletop.ServiceDefaults;

public static class LoggingExtensions
{
    /// <summary>
    /// LOG_FORMAT=json|text (json by default outside Development) and LOG_LEVEL
    /// (trace|debug|information|warning|error|critical). A bad value stops the process at boot.
    /// </summary>
    public static TBuilder ConfigureLogging<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var level = ParseLevel(builder.Configuration["LOG_LEVEL"]);
        if (level is { } minimum)
        {
            builder.Logging.SetMinimumLevel(minimum);
            builder.Logging.AddFilter(null, minimum);
        }

        var format = builder.Configuration["LOG_FORMAT"]?.Trim().ToLowerInvariant();
        format ??= builder.Environment.IsDevelopment() ? "text" : "json";
        builder.Logging.ClearProviders();
        switch (format)
        {
            case "json":
                builder.Logging.AddConsole(o => o.FormatterName = JsonLogFormatter.FormatterName)
                    .AddConsoleFormatter<JsonLogFormatter, ConsoleFormatterOptions>();
                break;
            case "text":
                builder.Logging.AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss ";
                });
                break;
            default:
                throw new ConfigurationException("LOG_FORMAT", $"must be 'json' or 'text', not '{format}'.");
        }

        builder.Services.Configure<LoggerFactoryOptions>(o =>
            o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        return builder;
    }

    private static LogLevel? ParseLevel(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" or "information" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "critical" or "fatal" => LogLevel.Critical,
        "none" => LogLevel.None,
        _ => throw new ConfigurationException("LOG_LEVEL", $"must be one of trace, debug, information, warning, error, critical; '{value}' is not."),
    };
}
