using System.Text;
using System.Text.Json;
using Npgsql;

namespace OpenTabletop.Api.Http.Paging;

/// <summary>
/// The WHERE and ORDER BY of one keyset step. Rows are ordered by the key's columns (nulls last when
/// walking forwards, so first when walking backwards) and then by id; "after the boundary" is the
/// lexicographic order over those columns, split where nulls are involved so that they compare correctly.
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
    /// column), adding the values as parameters numbered from <paramref name="firstOrdinal"/>. The
    /// answer is a list of disjoint conjunctions whose union is the rows after the boundary; each is
    /// written so that an index in the walk's order can start at the boundary (a row comparison
    /// wherever no NULL is involved, IS NULL / IS NOT NULL for the null blocks) instead of reading
    /// every earlier row, which a single OR of the whole expansion would make the planner do.
    /// </summary>
    public static IReadOnlyList<string> After(
        SortKey key, IReadOnlyList<object?> boundary, Guid lastId, bool descending, bool backwards,
        int firstOrdinal, List<NpgsqlParameter> parameters)
    {
        var cmp = descending ? "<" : ">";
        var nullsAfter = !backwards;
        var ordinal = firstOrdinal;
        string Parameter(object value)
        {
            parameters.Add(new NpgsqlParameter { Value = value });
            return "$" + ordinal++;
        }

        var arms = new List<string>();
        var equalities = new List<string>();
        for (var i = 0; i < key.Columns.Count; i++)
        {
            var column = key.Columns[i];
            var value = boundary[i];
            if (value is null)
            {
                // Among nulls only later columns decide; non-null rows come before (forwards) or after (backwards).
                if (!nullsAfter && column.Nullable) arms.Add(Conjunction([.. equalities, column.Column + " IS NOT NULL"]));
                equalities.Add(column.Column + " IS NULL");
                continue;
            }

            if (boundary.Skip(i + 1).All(v => v is not null))
            {
                // One row comparison covers this column, the later ones and the id for rows without nulls there;
                // walking forwards, a null in a nullable column sorts after every value, so each such block is an arm.
                var rest = key.Columns.Skip(i).ToList();
                var values = boundary.Skip(i).Select(v => Parameter(v!)).ToList();
                var id = Parameter(lastId);
                arms.Add(Conjunction([.. equalities,
                    "ROW(" + string.Join(", ", rest.Select(c => c.Column).Append("id")) + ") " + cmp + " ROW(" + string.Join(", ", values.Append(id)) + ")"]));
                if (nullsAfter)
                {
                    for (var j = 0; j < rest.Count; j++)
                    {
                        if (rest[j].Nullable)
                        {
                            arms.Add(Conjunction([.. equalities, .. rest.Take(j).Select((c, k) => c.Column + " = " + values[k]), rest[j].Column + " IS NULL"]));
                        }
                    }
                }
                return arms;
            }

            // A null further on: this column alone decides here, then equality passes on to the next.
            var p = Parameter(value);
            arms.Add(Conjunction([.. equalities, column.Column + " " + cmp + " " + p]));
            if (nullsAfter && column.Nullable) arms.Add(Conjunction([.. equalities, column.Column + " IS NULL"]));
            equalities.Add(column.Column + " = " + p);
        }

        arms.Add(Conjunction([.. equalities, "id " + cmp + " " + Parameter(lastId)]));
        return arms;
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
