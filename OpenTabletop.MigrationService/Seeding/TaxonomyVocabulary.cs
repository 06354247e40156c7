using Npgsql;

namespace OpenTabletop.MigrationService.Seeding;

/// <summary>
/// The seeded vocabularies, used to map a slug as some source spells it onto the canonical term:
/// the slug itself, else the one term listing it as a synonym, else the one term whose slug or
/// synonym is "&lt;slug&gt;-game" (categories are named "cooperative-game", sources say "cooperative").
/// Ambiguous or unknown slugs resolve to nothing.
/// </summary>
internal sealed class TaxonomyVocabulary
{
    private readonly Dictionary<(string Kind, string Slug), Guid> _ids = [];
    private readonly Dictionary<(string Kind, string Synonym), List<string>> _synonyms = [];

    public static async Task<TaxonomyVocabulary> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        const string sql = """
            SELECT 'mechanic', id, slug, synonyms FROM mechanics
            UNION ALL SELECT 'category', id, slug, synonyms FROM categories
            UNION ALL SELECT 'theme', id, slug, synonyms FROM themes
            """;
        var vocabulary = new TaxonomyVocabulary();
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var kind = reader.GetString(0);
            var slug = reader.GetString(2);
            vocabulary._ids[(kind, slug)] = reader.GetGuid(1);
            foreach (var synonym in reader.GetFieldValue<string[]>(3))
            {
                if (!vocabulary._synonyms.TryGetValue((kind, synonym), out var owners))
                {
                    vocabulary._synonyms[(kind, synonym)] = owners = [];
                }

                owners.Add(slug);
            }
        }

        return vocabulary;
    }

    public int Count(string kind) => _ids.Keys.Count(k => k.Kind == kind);

    /// <summary>The canonical term for <paramref name="slug"/>, and how it was found (null when none or ambiguous).</summary>
    public (Guid Id, string Slug, string Via)? Resolve(string kind, string slug)
    {
        if (_ids.TryGetValue((kind, slug), out var id))
        {
            return (id, slug, "slug");
        }

        if (Single(kind, slug) is { } viaSynonym)
        {
            return (_ids[(kind, viaSynonym)], viaSynonym, $"synonym '{slug}'");
        }

        var suffixed = slug + "-game";
        if (_ids.TryGetValue((kind, suffixed), out id))
        {
            return (id, suffixed, $"slug '{suffixed}'");
        }

        if (Single(kind, suffixed) is { } viaSuffixedSynonym)
        {
            return (_ids[(kind, viaSuffixedSynonym)], viaSuffixedSynonym, $"synonym '{suffixed}'");
        }

        return null;
    }

    private string? Single(string kind, string synonym) =>
        _synonyms.TryGetValue((kind, synonym), out var owners) && owners.Count == 1 ? owners[0] : null;
}
