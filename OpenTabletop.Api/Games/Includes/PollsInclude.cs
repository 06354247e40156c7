using Npgsql;

namespace OpenTabletop.Api.Games.Includes;

/// <summary>
/// polls: every community poll of the game (see <see cref="GamePollsResponse"/>); each list is empty
/// when the game has no votes of that kind.
/// </summary>
internal sealed class PollsInclude : IncludeLoad
{
    private readonly PerGame<PlayerCountRatingResponse> ratings = new();
    private readonly PerGame<PlayerCountPollResponse> playerCount = new();
    private readonly PerGame<CommunityAgePollResponse> communityAge = new();
    private readonly PerGame<LanguageDependencePollResponse> languageDependence = new();

    public static IncludeLoad Create() => new PollsInclude();

    public override IReadOnlyList<string> Statements { get; } =
    [
        "SELECT game_id, player_count, average_rating, rating_count, rating_stddev FROM player_count_ratings " +
        "WHERE game_id = ANY($1) ORDER BY game_id, player_count",
        "SELECT game_id, player_count, best_votes, recommended_votes, not_recommended_votes FROM player_count_polls_legacy " +
        "WHERE game_id = ANY($1) ORDER BY game_id, player_count",
        "SELECT game_id, suggested_age, vote_count FROM community_age_polls " +
        "WHERE game_id = ANY($1) ORDER BY game_id, suggested_age",
        // The enum's own order (least to most dependent), not alphabetical.
        "SELECT game_id, level, vote_count FROM language_dependence_polls WHERE game_id = ANY($1) " +
        "ORDER BY game_id, array_position(ARRAY['no_text', 'some_text', 'moderate_text', 'extensive_text', 'unplayable_without_text'], level::text)",
    ];

    public override void ReadRow(int statement, NpgsqlDataReader row)
    {
        var gameId = row.GetGuid(0);
        switch (statement)
        {
            case 0:
                ratings.Add(gameId, new PlayerCountRatingResponse(
                    gameId, row.GetInt32(1), (double)row.GetDecimal(2), row.GetInt32(3), row.IsDBNull(4) ? null : (double)row.GetDecimal(4)));
                break;
            case 1:
                var (best, recommended, notRecommended) = (row.GetInt32(2), row.GetInt32(3), row.GetInt32(4));
                playerCount.Add(gameId, new PlayerCountPollResponse(gameId, row.GetInt32(1), best, recommended, notRecommended, best + recommended + notRecommended));
                break;
            case 2:
                communityAge.Add(gameId, new CommunityAgePollResponse(gameId, row.GetInt32(1), row.GetInt32(2)));
                break;
            default:
                languageDependence.Add(gameId, new LanguageDependencePollResponse(gameId, row.GetString(1), row.GetInt32(2)));
                break;
        }
    }

    public override GameResponse Apply(GameResponse game) => game with
    {
        Polls = new GamePollsResponse(ratings[game.Id], playerCount[game.Id], communityAge[game.Id], languageDependence[game.Id]),
    };
}
