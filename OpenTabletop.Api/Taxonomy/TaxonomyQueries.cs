using Npgsql;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.Paging;

namespace OpenTabletop.Api.Taxonomy;

internal sealed class TaxonomyQueries(NpgsqlDataSource dataSource)
{
    /// <summary>Sort keys and the column each one orders by (the id always breaks ties).</summary>
    public static readonly IReadOnlyDictionary<string, SortKey> Sorts = new Dictionary<string, SortKey>
    {
        ["name"] = "name",
        ["slug"] = "slug",
        ["game_count"] = "game_count",
    };

    public Task<KeysetPage<TaxonomyTermResponse>> ListAsync(TaxonomyKind kind, PageRequest page, CancellationToken ct) =>
        new KeysetQuery<TaxonomyTermResponse>(kind.TermsSql, "SELECT count(*)::int FROM " + kind.Table, Sorts, r => Read(kind, r), t => t.Id)
            .ExecuteAsync(dataSource, page, ct);

    public async Task<TaxonomyTermResponse?> FindAsync(TaxonomyKind kind, string slug, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT * FROM (" + kind.TermsSql + ") AS terms WHERE slug = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = slug });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(kind, reader) : null;
    }

    /// <summary>Several terms by id in one query (in no particular order); unknown ids are skipped.</summary>
    public async Task<IReadOnlyList<TaxonomyTermResponse>> ListByIdAsync(TaxonomyKind kind, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        await using var command = dataSource.CreateCommand("SELECT * FROM (" + kind.TermsSql + ") AS terms WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var terms = new List<TaxonomyTermResponse>();
        while (await reader.ReadAsync(ct)) terms.Add(Read(kind, reader));
        return terms;
    }

    /// <summary>A row of <see cref="TaxonomyKind.TermsSql"/> (columns 0–6); also used by the Game includes.</summary>
    internal static TaxonomyTermResponse Read(TaxonomyKind kind, NpgsqlDataReader reader)
    {
        var slug = reader.GetString(1);
        return new TaxonomyTermResponse(
            reader.GetGuid(0),
            slug,
            reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetInt32(6),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetFieldValue<string[]>(5),
            new Dictionary<string, Link> { ["self"] = new($"/v1/{kind.Path}/{slug}") });
    }
}
