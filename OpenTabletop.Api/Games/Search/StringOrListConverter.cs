using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenTabletop.Api.Games.Search;

/// <summary>Reads "a" or ["a", "b"]: the spec writes single slugs where the docs write lists.</summary>
public sealed class StringOrListConverter : JsonConverter<IReadOnlyList<string?>>
{
    public override IReadOnlyList<string?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => [reader.GetString()],
            JsonTokenType.StartArray => JsonSerializer.Deserialize<List<string?>>(ref reader, options),
            _ => throw new JsonException("Expected a string or an array of strings."),
        };

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string?> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options);
}
