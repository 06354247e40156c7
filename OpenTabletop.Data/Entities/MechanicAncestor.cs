namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>mechanic_ancestors</c>: one step of a mechanic's lineage.</summary>
public sealed class MechanicAncestor
{
    public Guid MechanicId { get; set; }
    public Guid AncestorId { get; set; }
    public short Ordinal { get; set; }

    public Mechanic Mechanic { get; set; } = null!;
    public Mechanic Ancestor { get; set; } = null!;
}
