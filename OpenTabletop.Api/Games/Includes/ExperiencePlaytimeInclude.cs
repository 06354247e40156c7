using Npgsql;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Api.Games.Includes;

/// <summary>
/// experience_playtime: the same profile as GET /games/{id}/experience-playtime. That endpoint answers
/// an empty profile (no levels, sufficient_data false) for a game without data rather than 404, so the
/// include is likewise present for every game asked for.
/// </summary>
internal sealed class ExperiencePlaytimeInclude : IncludeLoad
{
    private readonly PerGame<ExperiencePlaytime> levels = new();
    private readonly Dictionary<Guid, ExperiencePlaytimeProfile> profiles = [];

    public static IncludeLoad Create() => new ExperiencePlaytimeInclude();

    public override IReadOnlyList<string> Statements { get; } =
    [
        "SELECT game_id, experience_level, median_minutes, p10_minutes, p90_minutes, report_count " +
        "FROM experience_playtime WHERE game_id = ANY($1)",
        "SELECT game_id, sufficient_data, multiplier_first_play, multiplier_learning, multiplier_experienced, multiplier_expert, total_reports " +
        "FROM experience_playtime_profiles WHERE game_id = ANY($1)",
    ];

    public override void ReadRow(int statement, NpgsqlDataReader row)
    {
        var gameId = row.GetGuid(0);
        if (statement == 0)
        {
            levels.Add(gameId, new ExperiencePlaytime
            {
                GameId = gameId,
                ExperienceLevel = row.GetString(1),
                MedianMinutes = row.GetInt32(2),
                P10Minutes = row.IsDBNull(3) ? null : row.GetInt32(3),
                P90Minutes = row.IsDBNull(4) ? null : row.GetInt32(4),
                ReportCount = row.GetInt32(5),
            });
            return;
        }
        profiles[gameId] = new ExperiencePlaytimeProfile
        {
            GameId = gameId,
            SufficientData = row.GetBoolean(1),
            MultiplierFirstPlay = row.IsDBNull(2) ? null : row.GetDecimal(2),
            MultiplierLearning = row.IsDBNull(3) ? null : row.GetDecimal(3),
            MultiplierExperienced = row.IsDBNull(4) ? null : row.GetDecimal(4),
            MultiplierExpert = row.IsDBNull(5) ? null : row.GetDecimal(5),
            TotalReports = row.GetInt32(6),
        };
    }

    public override GameResponse Apply(GameResponse game) => game with
    {
        ExperiencePlaytime = ExperiencePlaytimeProfiles.Build(
            game.Id, game.Slug, game.Name, levels[game.Id], profiles.GetValueOrDefault(game.Id)),
    };
}
