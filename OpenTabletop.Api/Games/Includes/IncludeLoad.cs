using Npgsql;

namespace OpenTabletop.Api.Games.Includes;

/// <summary>
/// One include for one page of games: its statements (each reads <c>$1</c>, the page's game ids, so its
/// cost does not grow with the page), what each row contributes, and how the result lands on a game.
/// An instance lives for one request.
/// </summary>
internal abstract class IncludeLoad
{
    /// <summary>SQL statements; each takes one parameter, <c>$1 uuid[]</c>.</summary>
    public abstract IReadOnlyList<string> Statements { get; }

    /// <summary>Reads one row of statement <paramref name="statement"/> (an index into <see cref="Statements"/>).</summary>
    public abstract void ReadRow(int statement, NpgsqlDataReader row);

    /// <summary>The game with this include's property filled in.</summary>
    public abstract GameResponse Apply(GameResponse game);
}

/// <summary>
/// The common shape: one statement whose rows are (game id, item), already ordered, collected into a
/// list per game; a game with no rows gets an empty list (requested and absent data is <c>[]</c>).
/// </summary>
internal sealed class ListIncludeLoad<T>(
    string sql,
    Func<NpgsqlDataReader, (Guid GameId, T Item)> read,
    Func<GameResponse, IReadOnlyList<T>, GameResponse> apply) : IncludeLoad
{
    private readonly PerGame<T> items = new();

    public override IReadOnlyList<string> Statements { get; } = [sql];

    public override void ReadRow(int statement, NpgsqlDataReader row)
    {
        var (gameId, item) = read(row);
        items.Add(gameId, item);
    }

    public override GameResponse Apply(GameResponse game) => apply(game, items[game.Id]);
}

/// <summary>Rows grouped by game, in the order they were read.</summary>
internal sealed class PerGame<T>
{
    private readonly Dictionary<Guid, List<T>> lists = [];

    public void Add(Guid gameId, T item)
    {
        if (!lists.TryGetValue(gameId, out var list)) lists[gameId] = list = [];
        list.Add(item);
    }

    public IReadOnlyList<T> this[Guid gameId] => lists.TryGetValue(gameId, out var list) ? list : [];
}
