using System.Text;
using System.Text.Json;
using Npgsql;

namespace OpenTabletop.Api.Http.Paging;

/// <summary>
/// The WHERE and ORDER BY of one keyset step. Rows are ordered by the key's columns (nulls last when
/// walking forwards, so first when walking backwards) and then by id; "after the boundary" is the
/// lexicographic expansion over those columns, written out so that nulls compare correctly.
/// </summary>
internal static class KeysetPredicate
{
    public static string OrderBy(SortKey key, bool descending, bool backwards)
    {
        var direction = descending ? " DESC" : " ASC";
        var nulls = backwards ? " NULLS FIRST" : " NULLS LAST";
        var parts = key.Columns.Select(c => c.Column + direction + (c.Nullable ? nulls : ""));
        return string.Join(", ", parts.Append("id" + direction));
    }

    /// <summary>
    /// Builds "row comes after the boundary" for the values in <paramref name="boundary"/> (one per
    /// column), adding the values as parameters numbered from <paramref name="firstOrdinal"/>.
    /// </summary>
    public static string After(
        SortKey key, IReadOnlyList<object?> boundary, Guid lastId, bool descending, bool backwards,
        int firstOrdinal, List<NpgsqlParameter> parameters)
    {
        var cmp = descending ? "<" : ">";
        var nullsAfter = !backwards;
        var equalities = new List<string>();
        var alternatives = new List<string>();
        var ordinal = firstOrdinal;

        for (var i = 0; i < key.Columns.Count; i++)
        {
            var column = key.Columns[i].Column;
            var value = boundary[i];
            string after, equal;
            if (value is null)
            {
                // Among nulls only later columns decide; non-null rows come before (forwards) or after (backwards).
                after = nullsAfter ? "FALSE" : column + " IS NOT NULL";
                equal = column + " IS NULL";
            }
            else
            {
                var p = "$" + ordinal++;
                parameters.Add(new NpgsqlParameter { Value = value });
                after = key.Columns[i].Nullable && nullsAfter
                    ? "(" + column + " " + cmp + " " + p + " OR " + column + " IS NULL)"
                    : column + " " + cmp + " " + p;
                equal = column + " = " + p;
            }
            alternatives.Add(Conjunction([.. equalities, after]));
            equalities.Add(equal);
        }

        var idParameter = "$" + ordinal;
        parameters.Add(new NpgsqlParameter { Value = lastId });
        alternatives.Add(Conjunction([.. equalities, "id " + cmp + " " + idParameter]));
        return "(" + string.Join(" OR ", alternatives) + ")";
    }

    /// <summary>Cursor values are the JSON of what the database returned: null, text or a number.</summary>
    public static object? ValueOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number when value.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number => value.GetDecimal(),
        _ => throw new FormatException("The cursor's sort value has an unexpected type."),
    };

    private static string Conjunction(IEnumerable<string> terms)
    {
        var builder = new StringBuilder("(");
        builder.AppendJoin(" AND ", terms);
        return builder.Append(')').ToString();
    }
}
