using OpenTabletop.Api.Games;

namespace OpenTabletop.Api.Export;

/// <summary>
/// Writes an export's body as its rows arrive: nothing is held beyond the writer's own buffer, which
/// goes to the client (awaiting its reading) whenever a few tens of kilobytes are pending.
/// </summary>
internal interface IGameRowWriter : IAsyncDisposable
{
    /// <summary>The manifest line (JSONL) or the header row (CSV).</summary>
    ValueTask WriteStartAsync(ExportManifest manifest, CancellationToken ct);

    ValueTask WriteAsync(GameResponse game, CancellationToken ct);

    /// <summary>Sends whatever is still buffered.</summary>
    ValueTask CompleteAsync(CancellationToken ct);
}

/// <summary>The client went away: the rest of the export has nowhere to go.</summary>
internal sealed class ExportClientGoneException() : OperationCanceledException("The client stopped reading the export.");
