using System.Diagnostics;
using System.Text.Json;
using OpenTabletop.Api.Games;
using OpenTabletop.Api.Games.Listing;

namespace OpenTabletop.Api.Export;

/// <summary>
/// The 200 of an export: the headers (row count included, taken in the snapshot), then the rows as
/// the database sends them, in the chosen format. Owns the snapshot, the replica's export slot and
/// the quota reservation until the last byte. Once the headers are out an error cannot become a
/// problem, so the connection is aborted instead: the client sees a truncated transfer (and fewer
/// rows than X-Export-Row-Count), never a complete-looking file.
/// </summary>
internal sealed partial class ExportStream(
    ExportQuery query,
    ExportManifest manifest,
    ExportSql sql,
    ExportSnapshot snapshot,
    IDisposable slot,
    QuotaDecision quota,
    ExportServices services,
    long startedAt) : IResult, IAsyncDisposable
{
    public async Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        var ct = context.RequestAborted;
        var format = query.Format;
        services.Metrics.Started(format);
        var outcome = "failed";
        long rows = 0;
        var streaming = false;
        try
        {
            // The query is sent before the status: an error it raises can still be a problem instead of a cut-off 200.
            var reader = await snapshot.ReadRowsAsync(sql, ct);
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = format.ContentType;
            ExportHeaders.Describe(response, manifest, query, services.Settings.MaxRows);
            ExportHeaders.Quota(response, quota);
            ExportHeaders.Attachment(response, manifest);
            response.Headers.CacheControl = "no-store";
            // Reverse proxies that buffer responses (nginx) pass this one on as it comes.
            response.Headers["X-Accel-Buffering"] = "no";
            await response.StartAsync(ct);
            streaming = true;

            await using var writer = CreateWriter(response, format, services.Json, sql.Effective);
            await writer.WriteStartAsync(manifest, ct);
            while (await reader.ReadAsync(ct))
            {
                var game = GameRows.Read(reader);
                if (sql.Effective) game = game with { MatchedVia = MatchedVia.Read(reader) };
                await writer.WriteAsync(game, ct);
                rows++;
                services.Metrics.Row();
            }
            snapshot.Completed();
            await writer.CompleteAsync(ct);
            if (rows != manifest.RowCount)
            {
                // Cannot happen within one snapshot; if it does, the file must not pass for complete.
                MismatchedCount(services.Logger, rows, manifest.RowCount);
                context.Abort();
                return;
            }
            outcome = "completed";
        }
        catch (Exception e) when (e is ExportClientGoneException || (e is OperationCanceledException or IOException && ct.IsCancellationRequested))
        {
            outcome = "client_aborted";
        }
        catch (Exception e)
        {
            // Our failure, not the caller's use: the export does not count against their quota.
            if (quota.Reservation is { } reservation) await services.Quota.TryReleaseAsync(reservation, services.Logger);
            if (!streaming)
            {
                // Nothing sent yet: a problem as for any other request (503 for a database that is not answering).
                if (e is not Npgsql.NpgsqlException { IsTransient: true }) throw;
                ExportHeaders.RetryAfter(response, TimeSpan.FromSeconds(30));
                await GameExport.DatabaseUnavailable().ExecuteAsync(context);
                return;
            }
            Failed(services.Logger, e, rows, manifest.RowCount);
            context.Abort();
        }
        finally
        {
            services.Metrics.Finished(format, outcome, Stopwatch.GetElapsedTime(startedAt), rows);
            await DisposeAsync();
        }
    }

    private static IGameRowWriter CreateWriter(HttpResponse response, ExportFormat format, JsonSerializerOptions json, bool effective) =>
        format == ExportFormat.Csv ? new CsvRowWriter(response.Body, effective) : new JsonLinesRowWriter(response.BodyWriter, json);

    public async ValueTask DisposeAsync()
    {
        await snapshot.DisposeAsync();
        slot.Dispose();
    }

    [LoggerMessage(LogLevel.Error, "Export failed after {Rows} of {Expected} rows; the response was cut short.")]
    private static partial void Failed(ILogger logger, Exception e, long rows, int expected);

    [LoggerMessage(LogLevel.Error, "Export wrote {Rows} rows, but its snapshot counted {Expected}; the response was cut short.")]
    private static partial void MismatchedCount(ILogger logger, long rows, int expected);
}
