using Grpc.Core;
using OpenTabletop.AppHost.Hosting.Dashboard.Telemetry;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace OpenTabletop.AppHost.Hosting.Dashboard.Otlp;

/// <summary>OTLP/gRPC: the collector's three Export methods, as the OpenTelemetry exporters call them.</summary>
internal sealed class OtlpTraceService(TelemetryStore store) : TraceService.TraceServiceBase
{
    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        store.Traces.Add(request.ResourceSpans);
        return Task.FromResult(new ExportTraceServiceResponse());
    }
}

internal sealed class OtlpMetricsService(TelemetryStore store) : MetricsService.MetricsServiceBase
{
    public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
    {
        store.Metrics.Add(request.ResourceMetrics);
        return Task.FromResult(new ExportMetricsServiceResponse());
    }
}

internal sealed class OtlpLogsService(TelemetryStore store) : LogsService.LogsServiceBase
{
    public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
    {
        store.Logs.Add(request.ResourceLogs);
        return Task.FromResult(new ExportLogsServiceResponse());
    }
}
