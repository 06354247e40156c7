using OpenTabletop.Api.Http;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Api.Games;

/// <summary>
/// The spec's ExperiencePlaytimeProfile from a game's level rows and profile row; shared by
/// GET /games/{id}/experience-playtime and include=experience_playtime.
/// </summary>
internal static class ExperiencePlaytimeProfiles
{
    private static readonly string[] Levels = ["first_play", "learning", "experienced", "expert"];

    /// <summary>
    /// A game with no data still has a profile (no levels, not sufficient, no reports): the endpoint answers
    /// 404 only for an unknown game, and consumers then fall back to the default multipliers.
    /// </summary>
    public static ExperiencePlaytimeProfileResponse Build(
        Guid gameId, string gameSlug, string gameName, IEnumerable<ExperiencePlaytime> rows, ExperiencePlaytimeProfile? profile)
    {
        var levels = rows
            .OrderBy(r => Array.IndexOf(Levels, r.ExperienceLevel))
            .Select(r => new ExperiencePlaytimePollResponse(gameId, r.ExperienceLevel, r.MedianMinutes, r.P10Minutes, r.P90Minutes, r.ReportCount))
            .ToList();
        var sufficient = profile?.SufficientData ?? false;
        // Multipliers only when every level has enough data (spec); otherwise the global defaults apply.
        var multipliers = sufficient && profile is not null
            ? new ExperienceMultipliers(profile.MultiplierFirstPlay.ToDouble(), profile.MultiplierLearning.ToDouble(), profile.MultiplierExperienced.ToDouble(), profile.MultiplierExpert.ToDouble())
            : null;
        return new ExperiencePlaytimeProfileResponse(
            gameId, levels, multipliers, sufficient, profile?.TotalReports ?? levels.Sum(l => l.TotalReports),
            GameSubresources.Links(gameSlug, gameName, "experience-playtime"));
    }
}
