namespace OpenTabletop.Data.Entities;

/// <summary>
/// The one row of <c>maintenance_mode</c> (migration 0019): the admin switch every Api replica
/// re-reads, so a toggle reaches the whole deployment without a restart.
/// </summary>
public sealed class MaintenanceMode
{
    public bool Singleton { get; private set; } = true;
    /// <summary><c>off</c> or <c>read-only</c>.</summary>
    public string Mode { get; set; } = "off";
    public string? Reason { get; set; }
    public int RetryAfterSeconds { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";
}
