namespace OpenTabletop.MigrationService.Seeding.Synthetic;

internal static class CopyLinks
{
    public static async Task CopyTaxonomyLinksAsync(this SyntheticLoad load, CancellationToken ct)
    {
        var catalog = load.Catalog;
        var taxonomy = catalog.Taxonomy;
        await load.CopyAsync("game_mechanics", "game_id, mechanic_id",
            Pairs(load, t => t.Mechanics, i => taxonomy.Mechanics[i].Id), WritePair, ct);
        await load.CopyAsync("game_categories", "game_id, category_id",
            Pairs(load, t => t.Categories, i => taxonomy.Categories[i].Id), WritePair, ct);
        await load.CopyAsync("game_themes", "game_id, theme_id",
            Pairs(load, t => t.Themes, i => taxonomy.Themes[i].Id), WritePair, ct);
    }

    public static async Task CopyCreditsAndPublishersAsync(this SyntheticLoad load, CancellationToken ct)
    {
        var catalog = load.Catalog;
        var people = catalog.Pools.People;
        var publishers = catalog.Pools.Publishers;
        await load.CopyAsync("game_credits", "game_id, person_id, role, credit_order",
            catalog.InIdOrder().SelectMany(g => catalog.Pools.CreditsFor(catalog, g).Select(c => (Game: g.Id, Credit: c))),
            (w, row) =>
            {
                w.WriteUuid(row.Game);
                w.WriteUuid(people[row.Credit.Person].Id);
                w.WriteText(row.Credit.Role);
                w.WriteInt(row.Credit.Order);
            }, ct);
        await load.CopyAsync("game_publishers", "game_id, publisher_id, ordinal",
            catalog.InIdOrder().SelectMany(g => catalog.Pools.PublishersFor(catalog, g).Select((p, ordinal) => (Game: g.Id, Publisher: p, Ordinal: ordinal))),
            (w, row) =>
            {
                w.WriteUuid(row.Game);
                w.WriteUuid(publishers[row.Publisher].Id);
                w.WriteInt(row.Ordinal);
            }, ct);
    }

    /// <summary>
    /// <c>expands</c>: source = base game, target = the add-on, ordinal = its place among the base
    /// game's add-ons. <c>integrates_with</c> is symmetric and stored in both directions.
    /// </summary>
    public static Task CopyRelationshipsAsync(this SyntheticLoad load, CancellationToken ct)
    {
        return load.CopyAsync("game_relationships", "source_game_id, target_game_id, relationship_type, ordinal",
            Relationships(load.Catalog), static (w, row) =>
            {
                w.WriteUuid(row.Source);
                w.WriteUuid(row.Target);
                w.WriteText(row.Type);
                w.WriteInt(row.Ordinal);
            }, ct);
    }

    private static IEnumerable<(Guid Source, Guid Target, string Type, int Ordinal)> Relationships(SyntheticCatalog catalog)
    {
        var games = catalog.Games;
        foreach (var game in catalog.InIdOrder())
        {
            if (game.AddOns is not null)
            {
                var ordinal = 0;
                foreach (var addOn in game.AddOns)
                {
                    if (games[addOn].Kind.Expands())
                    {
                        yield return (game.Id, games[addOn].Id, "expands", ordinal++);
                    }
                }
            }
            if (game.IntegratesWith >= 0)
            {
                yield return (game.Id, games[game.IntegratesWith].Id, "integrates_with", 0);
                yield return (games[game.IntegratesWith].Id, game.Id, "integrates_with", 0);
            }
        }
    }

    private static IEnumerable<(Guid Game, Guid Term)> Pairs(SyntheticLoad load, Func<GameTerms, int[]> select, Func<int, Guid> termId)
    {
        foreach (var game in load.Catalog.InIdOrder())
        {
            var terms = Array.ConvertAll(select(load.Terms[game.Index]), i => termId(i));
            Array.Sort(terms, PostgresUuidOrder.Instance);
            foreach (var term in terms)
            {
                yield return (game.Id, term);
            }
        }
    }

    private static void WritePair(Npgsql.NpgsqlBinaryImporter w, (Guid Game, Guid Term) row)
    {
        w.WriteUuid(row.Game);
        w.WriteUuid(row.Term);
    }
}
