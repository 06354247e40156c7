using Npgsql;

namespace OpenTabletop.Api.Games.Includes;

/// <summary>
/// Fills the requested <c>include</c> properties of a page of games. Every requested include is loaded
/// for all the games at once (<c>WHERE game_id = ANY($1)</c>), and all of them travel in one batch: one
/// database round trip per call, whatever the number of games or includes.
/// </summary>
public sealed class GameIncludeLoader(NpgsqlDataSource dataSource)
{
    /// <summary>How each include is loaded, in the spec's order.</summary>
    private static readonly IReadOnlyList<(GameInclude Include, Func<IncludeLoad> Create)> Loads =
    [
        (GameInclude.Mechanics, TaxonomyInclude.Mechanics),
        (GameInclude.Categories, TaxonomyInclude.Categories),
        (GameInclude.Themes, TaxonomyInclude.Themes),
        (GameInclude.Designers, PeopleInclude.Designers),
        (GameInclude.Publishers, PeopleInclude.Publishers),
        (GameInclude.Expansions, ExpansionsInclude.Create),
        (GameInclude.Editions, EditionsInclude.Create),
        (GameInclude.EffectiveProperties, EffectivePropertiesInclude.Create),
        (GameInclude.ExperiencePlaytime, ExperiencePlaytimeInclude.Create),
        (GameInclude.AlternateNames, AlternateNamesInclude.Create),
        (GameInclude.Credits, CreditsInclude.Create),
        (GameInclude.Awards, AwardsInclude.Create),
        (GameInclude.Polls, PollsInclude.Create),
    ];

    /// <summary>
    /// The same games in the same order, each with the requested properties set (an empty list when
    /// there is nothing to embed). With nothing requested, or no games, the database is not touched.
    /// Included expansions never carry includes of their own.
    /// </summary>
    public async Task<IReadOnlyList<GameResponse>> ApplyAsync(IReadOnlyList<GameResponse> games, GameIncludes includes, CancellationToken ct)
    {
        if (includes.IsEmpty || games.Count == 0) return games;

        var loads = Loads.Where(l => includes.Has(l.Include)).Select(l => l.Create()).ToList();
        var ids = games.Select(g => g.Id).Distinct().ToArray();

        await using var batch = dataSource.CreateBatch();
        var statements = new List<(IncludeLoad Load, int Statement)>();
        foreach (var load in loads)
        {
            for (var i = 0; i < load.Statements.Count; i++)
            {
                var command = new NpgsqlBatchCommand(load.Statements[i]);
                command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
                batch.BatchCommands.Add(command);
                statements.Add((load, i));
            }
        }

        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            foreach (var (load, statement) in statements)
            {
                while (await reader.ReadAsync(ct)) load.ReadRow(statement, reader);
                await reader.NextResultAsync(ct);
            }
        }

        return [.. games.Select(game => loads.Aggregate(game, (g, load) => load.Apply(g)))];
    }

    /// <summary>One game (GET /games/{id}).</summary>
    public async Task<GameResponse> ApplyAsync(GameResponse game, GameIncludes includes, CancellationToken ct) =>
        (await ApplyAsync([game], includes, ct))[0];
}

public static class GameIncludeServices
{
    public static IServiceCollection AddGameIncludes(this IServiceCollection services) => services.AddSingleton<GameIncludeLoader>();
}
