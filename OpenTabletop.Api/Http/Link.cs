using System.Text.Json.Serialization;

namespace OpenTabletop.Api.Http;

/// <summary>A HAL link (spec ADR-0018).</summary>
public sealed record Link(string Href, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title = null);
