using System.IO.Compression;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenTabletop.AppHost.Hosting.Dashboard.Telemetry;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace OpenTabletop.AppHost.Hosting.Dashboard.Otlp;

/// <summary>
/// OTLP/HTTP with binary protobuf bodies (what the .NET exporter sends for http/protobuf):
/// POST /v1/traces, /v1/metrics, /v1/logs, answered with the protobuf Export*ServiceResponse.
/// </summary>
internal static class OtlpHttpApi
{
    public const string ProtobufContentType = "application/x-protobuf";

    /// <summary>Larger than any batch an exporter sends (the .NET exporter's default batch is 512 items).</summary>
    private const int MaxBodyBytes = 32 * 1024 * 1024;

    public static IEndpointRouteBuilder MapOtlpHttpApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/traces", (HttpRequest request, TelemetryStore store, CancellationToken ct) =>
            ReceiveAsync(request, ExportTraceServiceRequest.Parser, r => store.Traces.Add(r.ResourceSpans), new ExportTraceServiceResponse(), ct));
        endpoints.MapPost("/v1/metrics", (HttpRequest request, TelemetryStore store, CancellationToken ct) =>
            ReceiveAsync(request, ExportMetricsServiceRequest.Parser, r => store.Metrics.Add(r.ResourceMetrics), new ExportMetricsServiceResponse(), ct));
        endpoints.MapPost("/v1/logs", (HttpRequest request, TelemetryStore store, CancellationToken ct) =>
            ReceiveAsync(request, ExportLogsServiceRequest.Parser, r => store.Logs.Add(r.ResourceLogs), new ExportLogsServiceResponse(), ct));
        return endpoints;
    }

    private static async Task<Results<FileContentHttpResult, BadRequest<string>, StatusCodeHttpResult>> ReceiveAsync<TRequest>(
        HttpRequest request,
        MessageParser<TRequest> parser,
        Action<TRequest> store,
        IMessage response,
        CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), ProtobufContentType, StringComparison.OrdinalIgnoreCase))
        {
            // OTLP/JSON encodes ids as hex, unlike protobuf's JSON mapping; only binary is supported.
            return TypedResults.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        using var body = new MemoryStream();
        if (string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            await using var gzip = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
            await gzip.CopyToAsync(body, cancellationToken);
        }
        else
        {
            await request.Body.CopyToAsync(body, cancellationToken);
        }

        TRequest message;
        try
        {
            message = parser.ParseFrom(body.GetBuffer().AsSpan(0, (int)body.Length));
        }
        catch (InvalidProtocolBufferException ex)
        {
            return TypedResults.BadRequest($"Not an OTLP protobuf message: {ex.Message}");
        }

        store(message);
        return TypedResults.File(response.ToByteArray(), ProtobufContentType);
    }
}
