using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;

namespace OpenTabletop.Api.Games.Listing;

/// <summary>
/// The variant through which a game matched an effective-mode search (SPEC-DECISIONS "Effective
/// mode"): base, expansion_combination or delta_sum, with the expansions it adds and its resolved
/// properties. Absent from results outside effective mode.
/// </summary>
public sealed record MatchedVia(
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] Guid? CombinationId,
    IReadOnlyList<MatchedExpansion> Expansions,
    MatchedProperties EffectiveProperties,
    int ResolutionTier,
    bool Integration)
{
    /// <summary>The select list of the variant columns, aliased so they cannot collide with the game's.</summary>
    public const string Columns =
        "v.variant_type AS mv_type, v.combination_id AS mv_combination_id, v.expansions::text AS mv_expansions, " +
        "v.min_players AS mv_min_players, v.max_players AS mv_max_players, v.top_at AS mv_top_at, v.weight AS mv_weight, " +
        "v.min_playtime_minutes AS mv_min_playtime, v.max_playtime_minutes AS mv_max_playtime, v.min_age AS mv_min_age, " +
        "v.resolution_tier AS mv_tier, v.integration AS mv_integration";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static MatchedVia Read(NpgsqlDataReader row)
    {
        T? Value<T>(string column)
        {
            var ordinal = row.GetOrdinal(column);
            return row.IsDBNull(ordinal) ? default : row.GetFieldValue<T>(ordinal);
        }

        return new MatchedVia(
            row.GetString(row.GetOrdinal("mv_type")),
            Value<Guid?>("mv_combination_id"),
            JsonSerializer.Deserialize<List<MatchedExpansion>>(row.GetString(row.GetOrdinal("mv_expansions")), Json) ?? [],
            new MatchedProperties(
                Value<int?>("mv_min_players"),
                Value<int?>("mv_max_players"),
                Value<int[]>("mv_top_at") ?? [],
                Value<decimal?>("mv_weight") is { } w ? (double)w : null,
                Value<int?>("mv_min_playtime"),
                Value<int?>("mv_max_playtime"),
                Value<int?>("mv_min_age")),
            row.GetInt16(row.GetOrdinal("mv_tier")),
            row.GetBoolean(row.GetOrdinal("mv_integration")));
    }
}

public sealed record MatchedExpansion(string Slug, string Name);

/// <summary>The matched variant's values: what the effective filters were compared against.</summary>
public sealed record MatchedProperties(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? MinPlayers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? MaxPlayers,
    int[] TopAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Weight,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? MinPlaytime,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? MaxPlaytime,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? MinAge);
