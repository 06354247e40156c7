using System.Globalization;
using OpenTabletop.ServiceDefaults;

namespace OpenTabletop.Api.Votes;

/// <summary>
/// VOTE_LIMIT_PER_GAME_PER_HOUR (default 10): how many ratings, weight votes and plays (each counted
/// on its own) one API key may submit for one game within any hour. One person rates a game once;
/// an app that relays many users' votes under one key is expected to get a higher limit from its operator.
/// </summary>
public sealed record VoteSettings(int PerGamePerHour)
{
    public const string Variable = "VOTE_LIMIT_PER_GAME_PER_HOUR";
    public const int Default = 10;

    public static VoteSettings From(IConfiguration configuration)
    {
        var raw = configuration[Variable];
        if (string.IsNullOrWhiteSpace(raw)) return new VoteSettings(Default);
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= 1_000_000
            ? new VoteSettings(limit)
            : throw new ConfigurationException(Variable, $"must be a whole number from 1 to 1000000, not '{raw}'.");
    }
}
