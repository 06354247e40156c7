namespace OpenTabletop.Data.Statistics;

/// <summary>
/// Which play logs count towards community playtime, experience multipliers and the play statistics:
/// not a campaign session, and from 5 minutes to 24 hours (shorter or longer logs are mistakes or
/// whole campaigns). One rule, so the Materializer's aggregates and the Api's /community-playtime agree.
/// </summary>
public static class PlayLogRules
{
    /// <summary>The condition on a <c>play_logs</c> row, as SQL (constant: no value is spliced into it).</summary>
    public const string Counted = "NOT is_campaign AND duration_minutes BETWEEN 5 AND 1440";
}
