using Npgsql;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.Paging;

namespace OpenTabletop.Api.People;

/// <summary>Designers (people with a designer credit) and publishers, each with its count of active games.</summary>
internal sealed class PeopleQueries(NpgsqlDataSource dataSource)
{
    public static readonly IReadOnlyDictionary<string, SortKey> Sorts = new Dictionary<string, SortKey>
    {
        ["name"] = "name",
        ["slug"] = "slug",
        ["game_count"] = "game_count",
    };

    /// <summary>Designer rows (columns 0–4, read by <see cref="ReadDesigner"/>); also used by the Game includes.</summary>
    internal const string DesignersSql =
        "SELECT p.id, p.slug, p.name, p.description, " +
        "(SELECT count(DISTINCT c.game_id)::int FROM game_credits c JOIN games g ON g.id = c.game_id " +
        " WHERE c.person_id = p.id AND c.role = 'designer' AND g.status = 'active') AS game_count " +
        "FROM people p WHERE EXISTS (SELECT 1 FROM game_credits c WHERE c.person_id = p.id AND c.role = 'designer')";

    private const string DesignersCountSql =
        "SELECT count(DISTINCT person_id)::int FROM game_credits WHERE role = 'designer'";

    /// <summary>Publisher rows (columns 0–6, read by <see cref="ReadPublisher"/>); also used by the Game includes.</summary>
    internal const string PublishersSql =
        "SELECT p.id, p.slug, p.name, p.description, p.country::text AS country, p.website, " +
        "(SELECT count(*)::int FROM game_publishers gp JOIN games g ON g.id = gp.game_id " +
        " WHERE gp.publisher_id = p.id AND g.status = 'active') AS game_count " +
        "FROM publishers p";

    private const string PublishersCountSql = "SELECT count(*)::int FROM publishers";

    private static readonly KeysetQuery<DesignerResponse> Designers = new(DesignersSql, DesignersCountSql, Sorts, ReadDesigner, d => d.Id);
    private static readonly KeysetQuery<PublisherResponse> Publishers = new(PublishersSql, PublishersCountSql, Sorts, ReadPublisher, p => p.Id);

    public Task<KeysetPage<DesignerResponse>> ListDesignersAsync(PageRequest page, CancellationToken ct) =>
        Designers.ExecuteAsync(dataSource, page, ct);

    public Task<KeysetPage<PublisherResponse>> ListPublishersAsync(PageRequest page, CancellationToken ct) =>
        Publishers.ExecuteAsync(dataSource, page, ct);

    public Task<DesignerResponse?> FindDesignerAsync(string idOrSlug, CancellationToken ct) =>
        FindAsync(DesignersSql, idOrSlug, ReadDesigner, ct);

    public Task<PublisherResponse?> FindPublisherAsync(string idOrSlug, CancellationToken ct) =>
        FindAsync(PublishersSql, idOrSlug, ReadPublisher, ct);

    public Task<IReadOnlyList<DesignerResponse>> ListDesignersByIdAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ListByIdAsync(DesignersSql, ids, ReadDesigner, ct);

    public Task<IReadOnlyList<PublisherResponse>> ListPublishersByIdAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ListByIdAsync(PublishersSql, ids, ReadPublisher, ct);

    /// <summary>A UUID (any version) looks up by id, anything else by slug.</summary>
    private async Task<T?> FindAsync<T>(string rowsSql, string idOrSlug, Func<NpgsqlDataReader, T> read, CancellationToken ct) where T : class
    {
        var byId = Guid.TryParse(idOrSlug, out var id);
        await using var command = dataSource.CreateCommand("SELECT * FROM (" + rowsSql + ") AS rows WHERE " + (byId ? "id" : "slug") + " = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = byId ? id : idOrSlug });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? read(reader) : null;
    }

    /// <summary>Several by id in one query (in no particular order); ids that are not rows of the set are skipped.</summary>
    private async Task<IReadOnlyList<T>> ListByIdAsync<T>(string rowsSql, IReadOnlyCollection<Guid> ids, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        await using var command = dataSource.CreateCommand("SELECT * FROM (" + rowsSql + ") AS rows WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }

    internal static DesignerResponse ReadDesigner(NpgsqlDataReader reader)
    {
        var slug = reader.GetString(1);
        return new DesignerResponse(reader.GetGuid(0), slug, reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetInt32(4), Links("designers", "designer", slug));
    }

    internal static PublisherResponse ReadPublisher(NpgsqlDataReader reader)
    {
        var slug = reader.GetString(1);
        return new PublisherResponse(reader.GetGuid(0), slug, reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.GetInt32(6), Links("publishers", "publisher", slug));
    }

    private static Dictionary<string, Link> Links(string path, string filter, string slug) => new()
    {
        ["self"] = new($"/v1/{path}/{slug}"),
        ["games"] = new($"/v1/games?{filter}={slug}"),
    };
}
