using OpenTabletop.ServiceDefaults;

namespace OpenTabletop.Api.Games.Listing.InMemory;

/// <summary>
/// GAME_INDEX: <c>memory</c> (default) keeps the active games' facets and variants in memory to
/// choose pages and count totals; <c>off</c> answers every list with SQL alone (for a catalogue too
/// large to hold, or to compare the two).
/// </summary>
public static class GameIndexSettings
{
    public const string Variable = "GAME_INDEX";

    public static bool Enabled(IConfiguration configuration)
    {
        var raw = configuration[Variable];
        return raw?.Trim().ToLowerInvariant() switch
        {
            null or "" or "memory" => true,
            "off" => false,
            _ => throw new ConfigurationException(Variable, $"must be 'memory' or 'off', not '{raw}'."),
        };
    }
}
