using System.Collections.Concurrent;
using Npgsql;

namespace OpenTabletop.Api.Search.InMemory;

/// <summary>
/// The lexemes of <c>plainto_tsquery('english', q)</c>, the words a search's text arm requires every
/// one of, as PostgreSQL's own English configuration makes them (its stemmer and stop words, which
/// are the database's, not ours to reimplement). Asked once per query text and remembered: they
/// depend on the text alone, and a repeated query then needs no round trip before its ranking.
/// </summary>
internal sealed class EnglishLexemes(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// A plain tsquery is its lexemes joined by <c>&amp;</c>, each quoted as in a tsvector literal, so
    /// dropping the operators reads it back as a tsvector (none when q is only stop words).
    /// </summary>
    public const string Sql = "SELECT tsvector_to_array(replace(plainto_tsquery('english', $1)::text, ' & ', ' ')::tsvector)";

    /// <summary>Bounds the memory: past it, the remembered texts are forgotten at once and relearnt.</summary>
    private const int Capacity = 20_000;

    private readonly ConcurrentDictionary<string, string[]> _known = new(StringComparer.Ordinal);

    public async ValueTask<string[]> OfAsync(string text, CancellationToken ct)
    {
        if (_known.TryGetValue(text, out var lexemes)) return lexemes;
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = text });
        lexemes = (string[])(await command.ExecuteScalarAsync(ct))!;
        if (_known.Count >= Capacity) _known.Clear();
        _known[text] = lexemes;
        return lexemes;
    }

    /// <summary>The same for a caller that holds its own connection (the benchmark).</summary>
    public static async Task<string[]> ReadAsync(NpgsqlConnection connection, string text, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = text });
        return (string[])(await command.ExecuteScalarAsync(ct))!;
    }
}
