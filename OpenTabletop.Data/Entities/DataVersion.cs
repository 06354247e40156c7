namespace OpenTabletop.Data.Entities;

/// <summary>
/// The one row of <c>data_version</c> (migration 0020): the version of the served data that keys the
/// Api's response cache, bumped by <c>bump_data_version()</c> (see <see cref="DataVersions"/>).
/// </summary>
public sealed class DataVersion
{
    public bool Singleton { get; private set; } = true;
    public long Version { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";
}
