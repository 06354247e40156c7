namespace OpenTabletop.Materializer.Verify;

/// <summary>How far one stored aggregate column is from its recomputed values.</summary>
internal sealed record ColumnDrift(string Column, long Games, double? LargestRelative, bool Major, IReadOnlyList<string> Examples);

/// <summary>
/// What <c>--verify</c> found. Major: a value appeared or vanished, an array or document differs,
/// an experience row differs, or a number is off by 0.1 % of its fresh value or more. Minor: numbers
/// differ, all by less than 0.1 %.
/// </summary>
internal sealed record DriftReport(IReadOnlyList<ColumnDrift> Columns, long ExperienceRows)
{
    public const double MinorLimit = 0.001;

    public bool Major => ExperienceRows > 0 || Columns.Any(c => c.Major);

    public bool Any => ExperienceRows > 0 || Columns.Count > 0;

    /// <summary>0 no drift, 1 minor, 2 major (3, an error, is the caller's).</summary>
    public int ExitCode => Major ? 2 : Any ? 1 : 0;

    public string Verdict => Major ? "major drift" : Any ? "minor drift" : "no drift";
}
