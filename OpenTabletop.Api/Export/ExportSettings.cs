using System.Globalization;
using OpenTabletop.ServiceDefaults;

namespace OpenTabletop.Api.Export;

/// <summary>
/// The export's limits (SPEC-DECISIONS "Auth &amp; limits": 10 exports per hour per key, 100,000 games
/// per export), read from the environment at boot so that a bad value stops the process with one
/// line naming the variable.
/// </summary>
public sealed record ExportSettings(int MaxRows, int RateLimitPerHour, int MaxConcurrent)
{
    public const string MaxRowsVariable = "EXPORT_MAX_ROWS";
    public const string RateLimitVariable = "EXPORT_RATE_LIMIT_PER_HOUR";
    public const string ConcurrencyVariable = "EXPORT_MAX_CONCURRENT";

    public const int DefaultMaxRows = 100_000;
    public const int DefaultRateLimitPerHour = 10;

    /// <summary>
    /// Each export holds one pooled database connection for as long as its client reads (the snapshot
    /// must stay open), so a replica runs only a few at once and keeps the rest of its pool (20 by
    /// default) for everything else.
    /// </summary>
    public const int DefaultMaxConcurrent = 4;

    public static ExportSettings From(IConfiguration configuration) => new(
        Whole(configuration, MaxRowsVariable, DefaultMaxRows, 1, 10_000_000),
        Whole(configuration, RateLimitVariable, DefaultRateLimitPerHour, 1, 1_000_000),
        Whole(configuration, ConcurrencyVariable, DefaultMaxConcurrent, 1, 1_000));

    private static int Whole(IConfiguration configuration, string variable, int fallback, int min, int max)
    {
        var raw = configuration[variable];
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        if (!int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new ConfigurationException(variable, $"must be a whole number from {min} to {max}, not '{raw}'.");
        return value;
    }
}
