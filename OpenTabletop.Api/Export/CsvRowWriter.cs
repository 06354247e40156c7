using CsvHelper;
using OpenTabletop.Api.Games;

namespace OpenTabletop.Api.Export;

/// <summary>
/// RFC 4180 CSV (CRLF records, fields with a comma, quote or line break quoted, quotes doubled), UTF-8
/// without a byte order mark, a header row, then one game per row (<see cref="CsvColumns"/>).
/// CsvHelper writes UTF-8 into its own buffer and hands it to the response asynchronously when it is
/// mostly full, so a row never waits on the network synchronously (Kestrel forbids that).
/// </summary>
internal sealed class CsvRowWriter(Stream body, bool effective) : IGameRowWriter
{
    private static readonly CsvWriterOptions Options = new()
    {
        // The values as they are: escaping would alter names and descriptions that start with -, = or +
        // for every consumer, to protect only spreadsheets (README: "Export").
        Injection = CsvInjection.None,
        TrueValue = "true",
        FalseValue = "false",
        BufferSize = 64 * 1024,
    };

    private readonly CsvWriter _csv = CsvWriter.Create(body, Options, leaveOpen: true);
    private readonly IReadOnlyList<CsvColumns.Column> _columns = CsvColumns.For(effective);

    public async ValueTask WriteStartAsync(ExportManifest manifest, CancellationToken ct)
    {
        _csv.WriteHeader([.. _columns.Select(c => c.Name)]);
        // The header goes at once, with the response's headers: a client sees the columns before the first row.
        await _csv.FlushAsync(ct);
    }

    public async ValueTask WriteAsync(GameResponse game, CancellationToken ct)
    {
        foreach (var column in _columns) column.Write(_csv, game);
        await _csv.EndRecordAsync(ct);
    }

    public async ValueTask CompleteAsync(CancellationToken ct) => await _csv.FlushAsync(ct);

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
