using System.Globalization;
using System.Text;
using static OpenTabletop.MigrationService.Seeding.Synthetic.SyntheticWords;

namespace OpenTabletop.MigrationService.Seeding.Synthetic;

/// <summary>Names, slugs and descriptions built from <see cref="SyntheticWords"/>.</summary>
internal static class SyntheticNames
{
    public static string TopLevelName(Random random) => random.Next(7) switch
    {
        0 or 1 => $"{random.Pick(Adjectives)} {random.Pick(Nouns)}",
        2 => $"{random.Pick(Collectives)} of {random.Pick(Things)}",
        3 => $"The {random.Pick(Adjectives)} {random.Pick(Nouns)}",
        4 => $"{random.Pick(Places)} {random.Pick(Nouns)}",
        5 => $"{random.Pick(Things)} & {random.Pick(Things)}",
        _ => $"{random.Pick(Adjectives)} {random.Pick(Things)}",
    };

    public static string AddOnName(Random random, GameKind kind, string parentName) => kind switch
    {
        GameKind.Promo => $"{parentName}: {random.Pick(Adjectives)} {random.Pick(Nouns)} Promo",
        GameKind.Accessory => $"{parentName}: {random.Pick(AccessoryNames)}",
        GameKind.FanExpansion => $"{parentName}: {random.Pick(Collectives)} of {random.Pick(Places)} (Fan Expansion)",
        _ => random.Next(3) switch
        {
            0 => $"{parentName}: {random.Pick(Adjectives)} {random.Pick(Nouns)}",
            1 => $"{parentName}: {random.Pick(Collectives)} of {random.Pick(Places)}",
            _ => $"{parentName}: The {random.Pick(Nouns)} Expansion",
        },
    };

    /// <summary>The slugified name plus a numeric suffix that makes it unique.</summary>
    public static string Slug(string name, int suffix) => $"{Slugify(name)}-{suffix.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Lower-case ASCII letters and digits in hyphen-separated words: always matches the slug pattern.</summary>
    public static string Slugify(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (c is >= 'A' and <= 'Z')
            {
                builder.Append((char)(c + ('a' - 'A')));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }
        if (builder.Length > 0 && builder[^1] == '-')
        {
            builder.Length--;
        }
        return builder.Length > 0 ? builder.ToString() : "game";
    }

    /// <summary>A one- or two-sentence description; the first sentence doubles as description_short.</summary>
    public static (string Description, string Short) Describe(
        Random random, SyntheticGame game, SyntheticGame? parent, IReadOnlyList<string> mechanicNames)
    {
        string first;
        if (parent is not null)
        {
            var what = game.Kind switch
            {
                GameKind.Promo => "a promo",
                GameKind.Accessory => "an accessory",
                GameKind.FanExpansion => "a fan-made expansion",
                _ => "an expansion",
            };
            var adds = game.Kind == GameKind.Accessory
                ? "sturdy storage and upgraded components"
                : Fill(random, random.Pick(AddOnContents), game.Name);
            first = $"{game.Name} is {what} for {parent.Name} that adds {adds}.";
        }
        else
        {
            var kind = game.Kind == GameKind.StandaloneExpansion ? "standalone" : ModeAdjective(game.Mode);
            var built = mechanicNames.Count switch
            {
                0 => "",
                1 => $" built around {mechanicNames[0].ToLowerInvariant()}",
                _ => $" built around {mechanicNames[0].ToLowerInvariant()} and {mechanicNames[1].ToLowerInvariant()}",
            };
            first = $"{game.Name} is a {kind} game for {Players(game)}{built}, in which {random.Pick(Roles)} {Fill(random, random.Pick(Goals), game.Name)}.";
        }
        if (random.Chance(0.6))
        {
            return ($"{first} {Fill(random, random.Pick(Closers), game.Name)}", first);
        }
        return (first, first);
    }

    private static string ModeAdjective(string mode) => mode switch
    {
        "cooperative" => "cooperative",
        "solo" => "solo",
        "team" => "team-based",
        "mixed" => "semi-cooperative",
        _ => "competitive",
    };

    private static string Players(SyntheticGame game) =>
        game.MinPlayers == game.MaxPlayers
            ? game.MinPlayers == 1 ? "1 player" : $"{game.MinPlayers} players"
            : $"{game.MinPlayers} to {game.MaxPlayers} players";

    private static string Fill(Random random, string template, string name) => template
        .Replace("{noun}", random.Pick(Nouns).ToLowerInvariant(), StringComparison.Ordinal)
        .Replace("{adj}", random.Pick(Adjectives).ToLowerInvariant(), StringComparison.Ordinal)
        .Replace("{things}", random.Pick(Things).ToLowerInvariant(), StringComparison.Ordinal)
        .Replace("{thing}", random.Pick(Nouns).ToLowerInvariant(), StringComparison.Ordinal)
        .Replace("{place}", random.Pick(Places), StringComparison.Ordinal)
        .Replace("{name}", name, StringComparison.Ordinal);
}
