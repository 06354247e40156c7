using Microsoft.Extensions.Configuration;
using OpenTabletop.Materializer;
using OpenTabletop.ServiceDefaults;

namespace OpenTabletop.Tests.Materializer;

public sealed class MaterializerSettingsTests
{
    [Fact]
    public void WithNothingSetTheScheduleIsFourOClockUtcDaily()
    {
        var settings = MaterializerSettings.From(Configuration([]));

        Assert.Equal(new DateTime(2026, 3, 19, 4, 0, 0, DateTimeKind.Utc),
            settings.Schedule!.GetNextOccurrence(new DateTime(2026, 3, 18, 4, 0, 0, DateTimeKind.Utc), TimeZoneInfo.Utc));
        Assert.Equal((30, 100, 10, 3, 5.0), (settings.RankMinRatings, settings.PriorVotes, settings.ExperienceMinReports,
            settings.PlaytimeMinLogs, settings.PollInterval.TotalSeconds));
    }

    [Fact]
    public void OffTurnsTheScheduleOff() =>
        Assert.Null(MaterializerSettings.From(Configuration(new() { [MaterializerSettings.ScheduleVariable] = "off" })).Schedule);

    [Theory]
    [InlineData(MaterializerSettings.ScheduleVariable, "every night")]
    [InlineData(MaterializerSettings.ScheduleVariable, "0 4 * * * *")]
    [InlineData(MaterializerSettings.RankMinRatingsVariable, "0")]
    [InlineData(MaterializerSettings.PriorVotesVariable, "lots")]
    [InlineData(MaterializerSettings.ExperienceMinReportsVariable, "-1")]
    [InlineData(MaterializerSettings.PlaytimeMinLogsVariable, "2.5")]
    [InlineData(MaterializerSettings.PollSecondsVariable, "0")]
    public void ABadValueIsAConfigurationErrorNamingItsVariable(string variable, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => MaterializerSettings.From(Configuration(new() { [variable] = value })));

        Assert.Equal(variable, error.Variable);
        Assert.StartsWith($"Configuration error: {variable} ", error.Message);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
