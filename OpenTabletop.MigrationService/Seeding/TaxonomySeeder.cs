using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTabletop.Data;

namespace OpenTabletop.MigrationService.Seeding;

/// <summary>
/// Upserts the spec's controlled vocabularies (121 mechanics, 32 categories, 43 themes) with their
/// primary parents, and each mechanic's full ancestor list. Ids are deterministic
/// (<c>DeterministicIds.For("mechanic", slug)</c>, "category", "theme"), so the other seeders and
/// the synthetic generator can refer to a term without reading it back. One transaction, one
/// round trip; a rerun changes no row.
/// </summary>
public sealed class TaxonomySeeder(NpgsqlDataSource dataSource, ILogger<TaxonomySeeder> logger)
{
    internal const string MechanicKind = "mechanic";
    internal const string CategoryKind = "category";
    internal const string ThemeKind = "theme";

    private static readonly (string Name, string Type)[] TermColumns =
    [
        ("id", "uuid"), ("slug", "text"), ("name", "text"), ("description", "text"), ("parent_id", "uuid"),
        ("synonyms", "text[]"), ("bgg_ids", "integer[]"),
    ];

    private static readonly JsonRowsUpsert Mechanics = new("mechanics", ["id"],
        [.. TermColumns, ("origin_game", "text"), ("origin_year", "integer"), ("era", "text")]);

    private static readonly JsonRowsUpsert Categories = new("categories", ["id"], TermColumns);

    private static readonly JsonRowsUpsert Themes = new("themes", ["id"], TermColumns);

    // $1 = [{id, ancestor_ids}] for every mechanic; ordinal = position in the spec's ancestor list.
    private const string UpsertAncestorsSql = """
        INSERT INTO mechanic_ancestors AS t (mechanic_id, ancestor_id, ordinal)
        SELECT r.id, a.ancestor_id, (a.position - 1)::smallint
        FROM jsonb_to_recordset($1) AS r(id uuid, ancestor_ids uuid[])
        CROSS JOIN LATERAL unnest(r.ancestor_ids) WITH ORDINALITY AS a(ancestor_id, position)
        ON CONFLICT (mechanic_id, ancestor_id) DO UPDATE SET ordinal = EXCLUDED.ordinal
        WHERE t.ordinal IS DISTINCT FROM EXCLUDED.ordinal
        """;

    // Lineage the vocabulary no longer lists for a seeded mechanic.
    private const string DeleteStaleAncestorsSql = """
        DELETE FROM mechanic_ancestors t
        USING jsonb_to_recordset($1) AS r(id uuid, ancestor_ids uuid[])
        WHERE t.mechanic_id = r.id AND NOT (t.ancestor_id = ANY (r.ancestor_ids))
        """;

    public async Task SeedAsync(CancellationToken ct)
    {
        var mechanics = await SeedResources.LoadAsync<List<TaxonomyTerm>>("mechanics.json", ct);
        var categories = await SeedResources.LoadAsync<List<TaxonomyTerm>>("categories.json", ct);
        var themes = await SeedResources.LoadAsync<List<TaxonomyTerm>>("themes.json", ct);
        Validate(MechanicKind, mechanics);
        Validate(CategoryKind, categories);
        Validate(ThemeKind, themes);

        var mechanicAncestors = mechanics
            .Select(m => new { id = Id(MechanicKind, m.Slug), ancestor_ids = m.Ancestors.Select(a => Id(MechanicKind, a)).ToArray() })
            .ToList();

        NpgsqlBatchCommand[] commands =
        [
            Mechanics.Command(mechanics.Select(m => new
            {
                id = Id(MechanicKind, m.Slug), slug = m.Slug, name = m.Name, description = m.Description,
                parent_id = ParentId(MechanicKind, m.Parent), synonyms = m.Synonyms, bgg_ids = m.BggIds,
                origin_game = m.OriginGame, origin_year = m.OriginYear, era = m.Era,
            })),
            Categories.Command(categories.Select(c => TermRow(CategoryKind, c))),
            Themes.Command(themes.Select(t => TermRow(ThemeKind, t))),
            JsonRowsUpsert.WithRows(UpsertAncestorsSql, mechanicAncestors),
            JsonRowsUpsert.WithRows(DeleteStaleAncestorsSql, mechanicAncestors),
        ];

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await JsonRowsUpsert.ExecuteAsync(connection, transaction, commands, ct);
        // Cached answers of the Api hold the old terms; a run that changed nothing keeps them (and every row).
        if (commands.Any(c => c.RecordsAffected > 0)) await DataVersions.BumpAsync(connection, "taxonomy seed", ct);
        await transaction.CommitAsync(ct);

        var changes = commands.Select(c => c.RecordsAffected).ToArray();
        logger.LogInformation(
            "Taxonomy seeded: {Mechanics} mechanics, {Categories} categories, {Themes} themes; rows changed: mechanics {MechanicsChanged}, categories {CategoriesChanged}, themes {ThemesChanged}, ancestors {AncestorsChanged} (+{AncestorsDeleted} removed)",
            mechanics.Count, categories.Count, themes.Count, changes[0], changes[1], changes[2], changes[3], changes[4]);
    }

    internal static Guid Id(string kind, string slug) => DeterministicIds.For(kind, slug);

    private static Guid? ParentId(string kind, string? parent) => parent is null ? null : Id(kind, parent);

    private static object TermRow(string kind, TaxonomyTerm term) => new
    {
        id = Id(kind, term.Slug), slug = term.Slug, name = term.Name, description = term.Description,
        parent_id = ParentId(kind, term.Parent), synonyms = term.Synonyms, bgg_ids = term.BggIds,
    };

    private static void Validate(string kind, List<TaxonomyTerm> terms)
    {
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            if (!slugs.Add(term.Slug))
            {
                throw new InvalidOperationException($"The {kind} vocabulary lists '{term.Slug}' twice.");
            }
        }

        foreach (var term in terms)
        {
            foreach (var reference in term.Ancestors.Append(term.Parent).OfType<string>())
            {
                if (!slugs.Contains(reference))
                {
                    throw new InvalidOperationException($"The {kind} '{term.Slug}' refers to unknown {kind} '{reference}'.");
                }
            }
        }
    }
}
