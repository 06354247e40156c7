using System.Globalization;
using Cronos;
using OpenTabletop.ServiceDefaults;

namespace OpenTabletop.Materializer;

/// <summary>
/// Every Materializer setting, read from the environment (12-factor) and checked at boot: a bad
/// value stops the process with one <c>Configuration error:</c> line naming the variable.
/// </summary>
internal sealed record MaterializerSettings
{
    public const string ScheduleVariable = "MATERIALIZE_SCHEDULE";
    public const string RankMinRatingsVariable = "MATERIALIZE_RANK_MIN_RATINGS";
    public const string PriorVotesVariable = "MATERIALIZE_PRIOR_VOTES";
    public const string ExperienceMinReportsVariable = "MATERIALIZE_EXPERIENCE_MIN_REPORTS";
    public const string PlaytimeMinLogsVariable = "MATERIALIZE_PLAYTIME_MIN_LOGS";
    public const string PollSecondsVariable = "MATERIALIZE_POLL_SECONDS";

    public const string DefaultSchedule = "0 4 * * *";

    /// <summary>When scheduled runs happen (UTC); null when the schedule is <c>off</c> (a Kubernetes CronJob runs <c>--once</c> instead).</summary>
    public CronExpression? Schedule { get; init; } = CronExpression.Parse(DefaultSchedule);

    /// <summary>Fewest ratings a base game needs for a rank (overall and per category).</summary>
    public int RankMinRatings { get; init; } = 30;

    /// <summary>Total pseudo-votes of the Dirichlet prior behind bayes_rating.</summary>
    public int PriorVotes { get; init; } = 100;

    /// <summary>Fewest play logs every experience level needs before a game's own multipliers are used.</summary>
    public int ExperienceMinReports { get; init; } = 10;

    /// <summary>Fewest counted play logs before a game gets community playtime percentiles.</summary>
    public int PlaytimeMinLogs { get; init; } = 3;

    /// <summary>How often the worker looks for queued requests when no notification arrives.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    public static MaterializerSettings From(IConfiguration configuration) => new()
    {
        Schedule = ParseSchedule(configuration[ScheduleVariable]),
        RankMinRatings = Whole(configuration, RankMinRatingsVariable, 30, 1, 1_000_000),
        PriorVotes = Whole(configuration, PriorVotesVariable, 100, 1, 1_000_000),
        ExperienceMinReports = Whole(configuration, ExperienceMinReportsVariable, 10, 1, 1_000_000),
        PlaytimeMinLogs = Whole(configuration, PlaytimeMinLogsVariable, 3, 1, 1_000_000),
        PollInterval = TimeSpan.FromSeconds(Whole(configuration, PollSecondsVariable, 5, 1, 3600)),
    };

    private static CronExpression? ParseSchedule(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return CronExpression.Parse(DefaultSchedule);
        if (raw.Trim().Equals("off", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            // Five fields (minute hour day month weekday), evaluated in UTC.
            return CronExpression.Parse(raw.Trim(), CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            throw new ConfigurationException(ScheduleVariable,
                $"must be a five-field cron expression in UTC (e.g. '{DefaultSchedule}') or 'off', not '{raw}': {e.Message}");
        }
    }

    private static int Whole(IConfiguration configuration, string variable, int fallback, int min, int max)
    {
        var raw = configuration[variable];
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        if (!int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ConfigurationException(variable, $"must be a whole number from {min} to {max}, not '{raw}'.");
        }
        return value;
    }
}
