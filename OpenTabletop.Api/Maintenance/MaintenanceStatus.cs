using System.Text.Json.Serialization;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Maintenance;

/// <summary>
/// The maintenance mode in force: <see cref="Mode"/> off or read-only, and where it comes from
/// (environment, admin, or none when off and never switched).
/// </summary>
public sealed record MaintenanceStatus(
    string Mode, string Source, string? Reason, int RetryAfterSeconds, DateTime? ChangedAt, string? ChangedBy,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links)
{
    public const string Off = "off";
    public const string ReadOnly = "read-only";

    public bool IsReadOnly => Mode == ReadOnly;
}
