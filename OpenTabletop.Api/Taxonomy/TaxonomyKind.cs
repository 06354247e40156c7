namespace OpenTabletop.Api.Taxonomy;

/// <summary>
/// One controlled vocabulary and its tables. Table and column names come only from these three
/// instances, never from a request, so composing them into SQL is safe; values are always parameters.
/// </summary>
public sealed record TaxonomyKind(string Path, string Table, string Junction, string Column, string Singular)
{
    public static readonly TaxonomyKind Mechanics = new("mechanics", "mechanics", "game_mechanics", "mechanic_id", "mechanic");
    public static readonly TaxonomyKind Categories = new("categories", "categories", "game_categories", "category_id", "category");
    public static readonly TaxonomyKind Themes = new("themes", "themes", "game_themes", "theme_id", "theme");

    public static readonly IReadOnlyList<TaxonomyKind> All = [Mechanics, Categories, Themes];

    /// <summary>The spec's schema for a term of this vocabulary: Mechanic, Category, Theme.</summary>
    public string SchemaName => char.ToUpperInvariant(Singular[0]) + Singular[1..];

    /// <summary>Each term with its parent's slug, its children's slugs and its count of active games.</summary>
    public string TermsSql =>
        "SELECT t.id, t.slug, t.name, t.description, p.slug AS parent, " +
        "ARRAY(SELECT c.slug::text FROM " + Table + " c WHERE c.parent_id = t.id ORDER BY c.slug) AS children, " +
        "(SELECT count(*)::int FROM " + Junction + " j JOIN games g ON g.id = j.game_id " +
        "WHERE j." + Column + " = t.id AND g.status = 'active') AS game_count " +
        "FROM " + Table + " t LEFT JOIN " + Table + " p ON p.id = t.parent_id";
}
