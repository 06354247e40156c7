namespace OpenTabletop.Data.Entities;

/// <summary>
/// A row of <c>export_requests</c> (migration 0017): one export a caller started, counted against the
/// export quota while it is younger than the quota's window.
/// </summary>
public sealed class ExportRequest
{
    public Guid Id { get; set; }
    /// <summary>The caller's limit key: <c>key:&lt;uuid&gt;</c> or <c>ip:&lt;address&gt;</c>.</summary>
    public required string LimitKey { get; set; }
    /// <summary>Defaults to <c>now()</c> in the database when left unset.</summary>
    public DateTime StartedAt { get; set; }
}
