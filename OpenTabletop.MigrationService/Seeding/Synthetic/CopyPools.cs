namespace OpenTabletop.MigrationService.Seeding.Synthetic;

internal static class CopyPools
{
    public static async Task CopyPeopleAndPublishersAsync(this SyntheticLoad load, CancellationToken ct)
    {
        await load.CopyAsync("people", "id, slug, name", load.Catalog.Pools.People, static (w, p) =>
        {
            w.WriteUuid(p.Id);
            w.WriteText(p.Slug);
            w.WriteText(p.Name);
        }, ct);

        await load.CopyAsync("publishers", "id, slug, name, country, website", load.Catalog.Pools.Publishers, static (w, p) =>
        {
            w.WriteUuid(p.Id);
            w.WriteText(p.Slug);
            w.WriteText(p.Name);
            w.WriteText(p.Country);
            w.WriteText(p.Website);
        }, ct);
    }
}
