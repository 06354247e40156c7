using OpenTabletop.Materializer.Pipeline;

namespace OpenTabletop.Materializer.Steps;

/// <summary>What a column of games holds, for writing it and for measuring drift in it.</summary>
internal enum AggregateKind
{
    /// <summary>A number: drift is measured relative to the fresh value.</summary>
    Number,
    /// <summary>An array or a document: any difference is major drift.</summary>
    Structure,
}

/// <summary>
/// The aggregate columns of <c>games</c> the pipeline owns, and <c>mat_fresh</c>: every game's
/// freshly computed values, joined from the compute steps' scratch tables. The write step copies
/// it into games; <c>--verify</c> compares games with it.
/// </summary>
internal static class FreshGames
{
    public static readonly IReadOnlyList<(string Column, AggregateKind Kind)> Columns =
    [
        ("average_rating", AggregateKind.Number), ("rating_count", AggregateKind.Number),
        ("rating_stddev", AggregateKind.Number), ("rating_distribution", AggregateKind.Structure),
        ("rating_confidence", AggregateKind.Number), ("bayes_rating", AggregateKind.Number),
        ("rank_overall", AggregateKind.Number), ("rank_by_category", AggregateKind.Structure),
        ("weight", AggregateKind.Number), ("weight_votes", AggregateKind.Number),
        ("community_playtime_min_minutes", AggregateKind.Number), ("community_playtime_median_minutes", AggregateKind.Number),
        ("community_playtime_max_minutes", AggregateKind.Number), ("total_plays", AggregateKind.Number),
        ("owner_count", AggregateKind.Number), ("wishlist_count", AggregateKind.Number),
        ("top_player_counts", AggregateKind.Structure), ("recommended_player_counts", AggregateKind.Structure),
    ];

    /// <summary>"a, b, c" with an optional alias prefix ("g.a, g.b, g.c").</summary>
    public static string List(string? alias = null) =>
        string.Join(", ", Columns.Select(c => alias is null ? c.Column : $"{alias}.{c.Column}"));

    private const string Sql = """
        CREATE TEMP TABLE mat_fresh ON COMMIT DROP AS
        SELECT m.id, m.average_rating, m.rating_count, m.rating_stddev, m.rating_distribution,
               c.rating_confidence, b.bayes_rating, k.rank_overall, cr.rank_by_category,
               m.weight, m.weight_votes, m.community_playtime_min_minutes, m.community_playtime_median_minutes,
               m.community_playtime_max_minutes, m.total_plays, m.owner_count, m.wishlist_count,
               pc.top_player_counts, pc.recommended_player_counts
          FROM mat_games m
          LEFT JOIN mat_confidence c ON c.id = m.id
          LEFT JOIN mat_bayes b ON b.id = m.id
          LEFT JOIN mat_ranks k ON k.id = m.id
          LEFT JOIN mat_category_ranks cr ON cr.id = m.id
          LEFT JOIN mat_player_counts pc ON pc.id = m.id
        """;

    public static async Task CreateAsync(PipelineContext context, CancellationToken ct)
    {
        await context.ExecuteAsync(Sql, ct);
        await context.ExecuteAsync("ANALYZE mat_fresh (id)", ct);
    }
}
