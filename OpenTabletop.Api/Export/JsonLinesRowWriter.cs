using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenTabletop.Api.Games;

namespace OpenTabletop.Api.Export;

/// <summary>
/// JSON Lines: the manifest, then one Game per line, serialised with the API's own options (compiled,
/// <see cref="ExportJsonContext"/>: a line is byte for byte what GET /v1/games/{id} answers) straight
/// into the response's pipe.
/// </summary>
internal sealed class JsonLinesRowWriter : IGameRowWriter
{
    /// <summary>How much may wait in the pipe before it is sent; Kestrel then applies the client's back-pressure.</summary>
    private const int FlushBytes = 64 * 1024;

    private readonly PipeWriter _body;
    private readonly Utf8JsonWriter _json;
    private readonly JsonTypeInfo<GameResponse> _game;
    private readonly JsonTypeInfo<ExportManifest> _manifest;
    private long _pending;

    public JsonLinesRowWriter(PipeWriter body, JsonSerializerOptions options)
    {
        _body = body;
        // Serialising into a Utf8JsonWriter takes the writer's encoder, not the options': use the API's.
        _json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true });
        // Generated at build time: about half the reflection path's time per game, and no warm-up on the first export.
        _game = ExportJsonContext.Default.GameResponse;
        _manifest = ExportJsonContext.Default.ExportManifest;
    }

    public ValueTask WriteStartAsync(ExportManifest manifest, CancellationToken ct) => WriteLineAsync(manifest, _manifest, ct);

    public ValueTask WriteAsync(GameResponse game, CancellationToken ct) => WriteLineAsync(game, _game, ct);

    public async ValueTask CompleteAsync(CancellationToken ct)
    {
        await FlushAsync(ct);
    }

    private ValueTask WriteLineAsync<T>(T value, JsonTypeInfo<T> type, CancellationToken ct)
    {
        JsonSerializer.Serialize(_json, value, type);
        // Into the pipe's own buffer, no I/O; Reset lets the next line start a new top-level value.
        _json.Flush();
        _pending += _json.BytesCommitted + 1;
        _json.Reset();
        _body.Write("\n"u8);
        return _pending >= FlushBytes ? FlushAsync(ct) : ValueTask.CompletedTask;
    }

    private async ValueTask FlushAsync(CancellationToken ct)
    {
        _pending = 0;
        var result = await _body.FlushAsync(ct);
        if (result.IsCompleted || result.IsCanceled) throw new ExportClientGoneException();
    }

    public ValueTask DisposeAsync() => _json.DisposeAsync();
}
