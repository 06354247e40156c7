using System.Text.Json;
using System.Text.Json.Serialization;
using OpenTabletop.Api.Games;

namespace OpenTabletop.Api.Export;

/// <summary>
/// Compiled serialisation of the export's lines: the same options as the API's JSON
/// (HttpConventionsExtensions: snake_case, nulls omitted unless a property says otherwise, strict
/// numbers), generated at build time so that 100,000 games skip the reflection-based path. The tests
/// hold every line byte for byte equal to what the list answers.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(GameResponse))]
[JsonSerializable(typeof(ExportManifest))]
internal sealed partial class ExportJsonContext : JsonSerializerContext;
