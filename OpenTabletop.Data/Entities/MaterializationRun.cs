namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>materialization_runs</c>: one Materializer run, scheduled or requested.</summary>
public sealed class MaterializationRun
{
    public Guid Id { get; set; }
    /// <summary>schedule, request, once or seed.</summary>
    public required string Trigger { get; set; }
    /// <summary>queued, running, succeeded, failed or cancelled.</summary>
    public string Status { get; set; } = "queued";
    public string? RequestedBy { get; set; }
    /// <summary>Defaults to <c>now()</c> in the database when left unset.</summary>
    public DateTime RequestedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>jsonb array, in pipeline order.</summary>
    public List<MaterializationStep> Steps { get; set; } = [];
    public string? Error { get; set; }
}
