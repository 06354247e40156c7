using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Search;

/// <summary>
/// The validated <c>q</c> of GET /search: <see cref="Text"/> is the query with its whitespace (and any
/// control characters) collapsed to single spaces, which the trigram and exact-name comparisons use;
/// <see cref="Words"/> are its runs of letters and digits, the only characters ever spliced into a
/// tsquery, so no input can inject tsquery syntax.
/// </summary>
public sealed record SearchQueryText(string Text, IReadOnlyList<string> Words)
{
    public const int MinLength = 2;
    public const int MaxLength = 200;

    public static SearchQueryText? Parse(string? q, List<FieldError> errors)
    {
        if (q is null)
        {
            errors.Add(new("q", "q is required.", "required"));
            return null;
        }

        var text = Collapse(q);
        // The spec's minLength counts code points, so an emoji is one character, not two.
        var length = text.EnumerateRunes().Count();
        if (length < MinLength)
        {
            errors.Add(new("q", $"q must have at least {MinLength} characters besides surrounding whitespace.", "too_short"));
            return null;
        }
        if (length > MaxLength)
        {
            errors.Add(new("q", $"q must have at most {MaxLength} characters.", "too_long"));
            return null;
        }
        return new SearchQueryText(text, WordsOf(text));
    }

    /// <summary>Binds a cursor to this query without carrying the query text inside it.</summary>
    public string Fingerprint(IEnumerable<SearchResultType> types)
    {
        var canonical = Text + "\n" + string.Join(",", types.Select(t => t.Name).Order(StringComparer.Ordinal));
        return "search:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))[..12]);
    }

    private static string Collapse(string q)
    {
        var builder = new StringBuilder(q.Length);
        var pendingSpace = false;
        foreach (var c in q)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static List<string> WordsOf(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWordCharacter(rune))
            {
                word.Append(rune.ToString());
                continue;
            }
            if (word.Length > 0) words.Add(word.ToString());
            word.Clear();
        }
        if (word.Length > 0) words.Add(word.ToString());
        return [.. words.Select(w => w.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];
    }

    // Combining marks stay inside their word, so a decomposed accent does not split it.
    private static bool IsWordCharacter(Rune rune) =>
        Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune)
            is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
