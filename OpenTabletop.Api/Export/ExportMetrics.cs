using System.Diagnostics.Metrics;

namespace OpenTabletop.Api.Export;

/// <summary>
/// Exports in flight and finished, by format and outcome, and the rows they wrote (on /metrics as
/// <c>opentabletop_exports_*</c>). Outcomes: <c>completed</c>, <c>client_aborted</c>, <c>failed</c>
/// (after the headers: the response is cut short), and the refusals <c>invalid</c>,
/// <c>too_many_rows</c>, <c>rate_limited</c>, <c>busy</c>.
/// </summary>
internal sealed class ExportMetrics
{
    public const string MeterName = "OpenTabletop.Api.Export";

    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _exports;
    private readonly Counter<long> _rows;
    private readonly Histogram<double> _duration;
    private long _rowsWritten;

    public ExportMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _active = meter.CreateUpDownCounter<long>("opentabletop.exports.active", "{export}", "Exports streaming now.");
        _exports = meter.CreateCounter<long>("opentabletop.exports", "{export}", "Export requests, by format and outcome.");
        _rows = meter.CreateCounter<long>("opentabletop.exports.rows", "{row}", "Games written by exports, by format.");
        _duration = meter.CreateHistogram<double>("opentabletop.exports.duration", "s", "Time from the request to the last byte of an export, by format and outcome.");
    }

    /// <summary>Rows written by this process's exports since start (for tests: how far a stream has got).</summary>
    public long RowsWritten => Interlocked.Read(ref _rowsWritten);

    public void Started(ExportFormat format) => _active.Add(1, Tag(format));

    public void Row() => Interlocked.Increment(ref _rowsWritten);

    public void Finished(ExportFormat format, string outcome, TimeSpan took, long rows)
    {
        _active.Add(-1, Tag(format));
        _rows.Add(rows, Tag(format));
        Counted(format, outcome);
        _duration.Record(took.TotalSeconds, Tag(format), new("outcome", outcome));
    }

    /// <summary>A request refused before anything streamed (format is null when it did not parse).</summary>
    public void Refused(ExportFormat? format, string outcome) => Counted(format, outcome);

    private void Counted(ExportFormat? format, string outcome) =>
        _exports.Add(1, new KeyValuePair<string, object?>("format", format?.Name ?? "unknown"), new("outcome", outcome));

    private static KeyValuePair<string, object?> Tag(ExportFormat format) => new("format", format.Name);
}
