using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenTabletop.Api.Http.Paging;

public enum PageDirection
{
    Next,
    Prev,
}

/// <summary>
/// The opaque keyset cursor of SPEC-DECISIONS: version, sort, order, a fingerprint of the filters,
/// the boundary row's sort value and id, and the direction. Bound to its query: used with another
/// sort, order or filter set it is refused.
/// </summary>
public sealed record Cursor(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("s")] string Sort,
    [property: JsonPropertyName("o")] string Order,
    [property: JsonPropertyName("f")] string Filter,
    [property: JsonPropertyName("k")] JsonElement LastValue,
    [property: JsonPropertyName("i")] Guid LastId,
    [property: JsonPropertyName("d")] PageDirection Direction)
{
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <summary>Null when the text is not a cursor of ours (the caller answers 400 invalid_cursor).</summary>
    public static Cursor? TryDecode(string text)
    {
        try
        {
            var cursor = JsonSerializer.Deserialize<Cursor>(Base64Url.DecodeFromChars(text), Json);
            return cursor is { Version: CurrentVersion, Sort: not null, Order: not null, Filter: not null } ? cursor : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}
