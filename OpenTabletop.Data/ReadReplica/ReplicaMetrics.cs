using System.Diagnostics.Metrics;

namespace OpenTabletop.Data.ReadReplica;

/// <summary>
/// Reads meant for the read replica that the primary served (on /metrics as
/// <c>opentabletop_read_replica_fallbacks_total</c>), by <c>reason</c>: <c>unreachable</c> (the read
/// failed on the replica and ran again on the primary) or <c>cooling_down</c> (the replica failed
/// within the last <see cref="ReadSource.CoolDown"/>, so the read went straight to the primary). Any
/// rate above zero means the replica is not serving. The reads it does serve show in Npgsql's own
/// metrics under the pool name <c>opentabletop-replica</c>.
/// </summary>
public static class ReplicaMetrics
{
    public const string Unreachable = "unreachable";
    public const string CoolingDown = "cooling_down";

    private static readonly Meter Meter = new("OpenTabletop.ReadReplica");

    private static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>(
        "opentabletop.read_replica.fallbacks", unit: "{read}", description: "Reads meant for the read replica that the primary served, by reason.");

    public static void Fallback(string reason) => Fallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
