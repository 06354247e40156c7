using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTabletop.ServiceDefaults;

namespace OpenTabletop.Tests.ServiceDefaults;

[Collection(ConsoleCapture.Name)]
public sealed class JsonLogFormatterTests
{
    [Fact]
    public async Task JsonLogLinesCarryTraceAndSpanIds()
    {
        var lines = await CaptureAsync([("LOG_FORMAT", "json")], logger =>
        {
            using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();
            logger.LogWarning("Game {Slug} served", "spirit-island");
            return (activity.TraceId.ToHexString(), activity.SpanId.ToHexString());
        });

        var (traceId, spanId) = lines.Result;
        var line = Assert.Single(lines.Output, l => l.Contains("spirit-island"));
        using var json = JsonDocument.Parse(line);
        Assert.Equal("Game spirit-island served", json.RootElement.GetProperty("message").GetString());
        Assert.Equal("Warning", json.RootElement.GetProperty("level").GetString());
        Assert.Equal(traceId, json.RootElement.GetProperty("trace_id").GetString());
        Assert.Equal(spanId, json.RootElement.GetProperty("span_id").GetString());
        Assert.Equal("spirit-island", json.RootElement.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task LogLevelHidesLinesBelowIt()
    {
        var lines = await CaptureAsync([("LOG_FORMAT", "json"), ("LOG_LEVEL", "error")], logger =>
        {
            logger.LogWarning("hidden-warning");
            logger.LogError("shown-error");
            return 0;
        });

        Assert.DoesNotContain(lines.Output, l => l.Contains("hidden-warning"));
        Assert.Contains(lines.Output, l => l.Contains("shown-error"));
    }

    [Theory]
    [InlineData("LOG_LEVEL", "loud")]
    [InlineData("LOG_FORMAT", "xml")]
    public void BadLoggingSettingStopsBootNamingTheVariable(string variable, string value)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new(variable, value)]);

        var error = Assert.Throws<ConfigurationException>(() => builder.ConfigureLogging());

        Assert.Equal(variable, error.Variable);
        Assert.Contains(variable, error.Message);
    }

    private static async Task<(List<string> Output, T Result)> CaptureAsync<T>((string, string)[] settings, Func<ILogger, T> act)
    {
        var original = Console.Out;
        var writer = new StringWriter();
        Console.SetOut(writer);
        T result;
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production" });
            builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Item1, s.Item2)));
            builder.ConfigureLogging();
            await using (var services = builder.Services.BuildServiceProvider())
            {
                result = act(services.GetRequiredService<ILoggerFactory>().CreateLogger("Tests"));
            }
        }
        finally
        {
            Console.SetOut(original);
        }
        return (writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList(), result);
    }
}

/// <summary>Tests that redirect Console.Out must not run beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCapture
{
    public const string Name = "Console capture";
}
