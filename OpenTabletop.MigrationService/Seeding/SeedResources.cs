using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenTabletop.MigrationService.Seeding;

/// <summary>
/// Reads the seed files embedded from <c>Seeding/Data/*.json</c> (logical names <c>Seed/&lt;file&gt;.json</c>).
/// The files use snake_case names, as the API does; unknown members are an error so a typo in a
/// seed file fails loudly instead of silently seeding nulls.
/// </summary>
internal static class SeedResources
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static async Task<T> LoadAsync<T>(string fileName, CancellationToken cancellationToken)
    {
        var resourceName = $"Seed/{fileName}";
        var assembly = typeof(SeedResources).Assembly;
        await using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded seed resource '{resourceName}' was not found in {assembly.GetName().Name}.");
        return await JsonSerializer.DeserializeAsync<T>(stream, JsonOptions, cancellationToken)
            ?? throw new InvalidOperationException($"Embedded seed resource '{resourceName}' is empty.");
    }
}
