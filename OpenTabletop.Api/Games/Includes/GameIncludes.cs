namespace OpenTabletop.Api.Games.Includes;

/// <summary>The related resources the spec's <c>include</c> parameter can embed in a Game.</summary>
[Flags]
public enum GameInclude
{
    None = 0,
    Mechanics = 1 << 0,
    Categories = 1 << 1,
    Themes = 1 << 2,
    Designers = 1 << 3,
    Publishers = 1 << 4,
    Expansions = 1 << 5,
    Editions = 1 << 6,
    EffectiveProperties = 1 << 7,
    ExperiencePlaytime = 1 << 8,
    AlternateNames = 1 << 9,
    Credits = 1 << 10,
    Awards = 1 << 11,
    Polls = 1 << 12,
}

/// <summary>
/// A parsed <c>include</c>: comma-separated, whitespace-trimmed, case-sensitive values. Unknown values
/// are ignored (spec parameters/include.yaml), so parsing never fails.
/// </summary>
public readonly record struct GameIncludes(GameInclude Values)
{
    /// <summary>Each accepted wire value and its flag, in the spec's order.</summary>
    public static readonly IReadOnlyList<(string Name, GameInclude Value)> Known =
    [
        ("mechanics", GameInclude.Mechanics),
        ("categories", GameInclude.Categories),
        ("themes", GameInclude.Themes),
        ("designers", GameInclude.Designers),
        ("publishers", GameInclude.Publishers),
        ("expansions", GameInclude.Expansions),
        ("editions", GameInclude.Editions),
        ("effective_properties", GameInclude.EffectiveProperties),
        ("experience_playtime", GameInclude.ExperiencePlaytime),
        ("alternate_names", GameInclude.AlternateNames),
        ("credits", GameInclude.Credits),
        ("awards", GameInclude.Awards),
        ("polls", GameInclude.Polls),
    ];

    public static readonly GameIncludes None = new(GameInclude.None);

    public bool IsEmpty => Values == GameInclude.None;

    public bool Has(GameInclude value) => (Values & value) == value && value != GameInclude.None;

    /// <summary>The query-string form, e.g. <c>mechanics,designers</c>.</summary>
    public static GameIncludes Parse(string? include) =>
        include is null ? None : Parse(include.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The list form (POST /games/search's <c>include</c> array).</summary>
    public static GameIncludes Parse(IEnumerable<string?>? values)
    {
        var parsed = GameInclude.None;
        foreach (var value in values ?? [])
        {
            var name = value?.Trim();
            foreach (var (known, flag) in Known)
            {
                if (string.Equals(known, name, StringComparison.Ordinal)) parsed |= flag;
            }
        }
        return new(parsed);
    }

    public override string ToString()
    {
        var values = Values;
        return string.Join(',', Known.Where(k => (values & k.Value) != 0).Select(k => k.Name));
    }
}
