using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Logging;
using OpenTabletop.AppHost.Hosting;
using OpenTabletop.AppHost.Hosting.Dashboard.Api;
using OpenTabletop.AppHost.Hosting.Dashboard.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OpenTabletop.Tests.AppHost.Dashboard;

/// <summary>
/// Real OTLP, sent by the OpenTelemetry .NET exporters the services use, over gRPC and HTTP/protobuf
/// to the dashboard's receiver, and read back from its JSON API.
/// </summary>
public sealed class OtlpReceiverTests
{
    [Fact]
    public async Task TracesSentOverGrpcAreListedAndShownAsATree()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dashboard = await DashboardApp.StartAsync(ct);
        var source = $"Test.{Guid.NewGuid():N}";
        string traceId;
        using (var tracer = Tracer(source, "orders", dashboard.OtlpGrpc, OtlpExportProtocol.Grpc))
        using (var activities = new ActivitySource(source))
        {
            using (var root = activities.StartActivity("GET /orders", ActivityKind.Server)!)
            {
                traceId = root.TraceId.ToHexString();
                using (var query = activities.StartActivity("SELECT orders", ActivityKind.Client))
                {
                    query!.SetTag("db.system", "postgresql");
                }

                root.SetStatus(ActivityStatusCode.Error, "boom");
            }

            // A background query of its own, as a worker's polling makes.
            using (activities.StartActivity("poll", ActivityKind.Client))
            {
            }

            Assert.True(tracer.ForceFlush(10_000));
        }

        var list = await dashboard.GetAsync<TraceList>("/api/traces?resource=orders&hideLoneSpans=true", ct);
        var all = await dashboard.GetAsync<TraceList>("/api/traces?resource=orders", ct);
        var detail = await dashboard.GetAsync<TraceDetail>($"/api/traces/{traceId}", ct);

        Assert.Equal(["poll", "GET /orders"], all.Traces.Select(t => t.RootName));
        var summary = Assert.Single(list.Traces);
        Assert.Equal((traceId, "GET /orders", "orders", 2, "Error"), (summary.TraceId, summary.RootName, summary.RootService, summary.SpanCount, summary.Status));
        Assert.Equal(["GET /orders", "SELECT orders"], detail.Spans.Select(s => s.Span.Name));
        Assert.Equal([0, 1], detail.Spans.Select(s => s.Depth));
        Assert.Equal(("Server", "Client"), (detail.Spans[0].Span.Kind, detail.Spans[1].Span.Kind));
        Assert.Equal("postgresql", detail.Spans[1].Span.Attributes["db.system"]);
        Assert.Equal(source, detail.Spans[1].Span.Scope);
        Assert.True(detail.Spans[1].OffsetMs >= 0 && detail.Spans[1].Span.DurationMs <= summary.DurationMs);
    }

    [Fact]
    public async Task LogsSentOverHttpProtobufAreFilteredByLevelTextAndTrace()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dashboard = await DashboardApp.StartAsync(ct);
        var marker = Guid.NewGuid().ToString("N");
        string traceId;
        using (var loggers = Loggers("catalogue", dashboard.OtlpHttp, OtlpExportProtocol.HttpProtobuf))
        {
            var logger = loggers.CreateLogger("Catalogue.Import");
            using (var activity = new Activity("import").Start())
            {
                traceId = activity.TraceId.ToHexString();
                logger.LogWarning("Game {Slug} skipped ({Marker})", "spirit-island", marker);
            }

            logger.LogInformation("Import finished ({Marker})", marker);
        }

        var all = await dashboard.GetAsync<LogList>($"/api/logs?resource=catalogue&q={marker}", ct);
        var warnings = await dashboard.GetAsync<LogList>($"/api/logs?level=warning&q={marker}", ct);
        var ofTrace = await dashboard.GetAsync<LogList>($"/api/logs?traceId={traceId}", ct);
        var byAttribute = await dashboard.GetAsync<LogList>("/api/logs?q=spirit-island", ct);

        Assert.Equal(["Import finished (" + marker + ")", "Game spirit-island skipped (" + marker + ")"], all.Logs.Select(l => l.Message));
        var warning = Assert.Single(warnings.Logs);
        Assert.Equal(("Warning", "catalogue", "Catalogue.Import", traceId), (warning.Level, warning.Service, warning.Category, warning.TraceId));
        Assert.Equal("spirit-island", warning.Attributes["Slug"]);
        Assert.Equal(warning.Id, Assert.Single(ofTrace.Logs).Id);
        Assert.Equal(warning.Id, Assert.Single(byAttribute.Logs).Id);
    }

    [Fact]
    public async Task MetricsSentOverHttpProtobufGiveLatencyPercentilesAndCacheHitRate()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dashboard = await DashboardApp.StartAsync(ct);
        var meterName = $"Test.{Guid.NewGuid():N}";
        using (var meter = new Meter(meterName))
        using (var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(meterName)
            .AddView("http.server.request.duration", new ExplicitBucketHistogramConfiguration { Boundaries = [0, 0.0025, 0.005, 0.01, 0.1, 0.5, 0.75, 1] })
            .ConfigureResource(r => r.AddService("api"))
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = new Uri(dashboard.OtlpHttp, "/v1/metrics");
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000;
            })
            .Build())
        {
            var duration = meter.CreateHistogram<double>("http.server.request.duration", "s");
            var cache = meter.CreateCounter<long>("opentabletop.cache.operations");
            // 90 fast requests (4 ms) and 10 slow ones (700 ms) on one route.
            for (var i = 0; i < 100; i++)
            {
                duration.Record(i < 90 ? 0.004 : 0.7, new KeyValuePair<string, object?>("http.route", "/v1/games/{id}"));
            }

            cache.Add(3, new("cache", "responses"), new("outcome", "hit"));
            cache.Add(1, new("cache", "responses"), new("outcome", "miss"));
            Assert.True(provider.ForceFlush(10_000));
        }

        var metrics = await dashboard.GetAsync<MetricsOverview>("/api/metrics", ct);

        var api = Assert.Single(metrics.Http, h => h.Service == "api" && h.Route is null);
        Assert.Equal(100UL, api.Requests);
        // 4 ms falls in (2.5 ms, 5 ms], 700 ms in (500 ms, 750 ms]; interpolated within the bucket.
        Assert.Equal(2.5 + 2.5 * 50 / 90, api.P50Ms!.Value, 6);
        Assert.Equal(500 + 250 * 0.9, api.P99Ms!.Value, 6);
        Assert.Single(metrics.Http, h => h.Route == "/v1/games/{id}" && h.Requests == 100);
        var responses = Assert.Single(metrics.Caches);
        Assert.Equal(("responses", 3d, 1d, (double?)0.75), (responses.Cache, responses.Hits, responses.Misses, responses.HitRate));
        Assert.Contains(metrics.Instruments, i => i.Name == "opentabletop.cache.operations" && i.Series == 2 && i.Latest == 4);
    }

    [Fact]
    public async Task OnlyTheNewestTracesAndLogsAreKept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dashboard = await DashboardApp.StartAsync(ct, ("AppHost:Dashboard:MaxTraces", "3"), ("AppHost:Dashboard:MaxLogsPerResource", "2"));
        var source = $"Test.{Guid.NewGuid():N}";
        var sent = new List<string>();
        using (var tracer = Tracer(source, "worker", dashboard.OtlpGrpc, OtlpExportProtocol.Grpc))
        using (var activities = new ActivitySource(source))
        {
            for (var i = 0; i < 5; i++)
            {
                using var activity = activities.StartActivity($"job {i}")!;
                sent.Add(activity.TraceId.ToHexString());
            }

            Assert.True(tracer.ForceFlush(10_000));
        }

        using (var loggers = Loggers("worker", dashboard.OtlpGrpc, OtlpExportProtocol.Grpc))
        {
            var logger = loggers.CreateLogger("Worker");
            for (var i = 0; i < 5; i++)
            {
                logger.LogInformation("line {Number}", i);
            }
        }

        var traces = await dashboard.GetAsync<TraceList>("/api/traces", ct);
        var logs = await dashboard.GetAsync<LogList>("/api/logs", ct);
        using var evicted = await dashboard.Ui.GetAsync(new Uri($"/api/traces/{sent[0]}", UriKind.Relative), ct);

        Assert.Equal(sent[2..].AsEnumerable().Reverse(), traces.Traces.Select(t => t.TraceId));
        Assert.Equal(["line 4", "line 3"], logs.Logs.Select(l => l.Message));
        Assert.Equal(HttpStatusCode.NotFound, evicted.StatusCode);
    }

    [Fact]
    public async Task OtlpIsNotServedOnTheUiPortNorTheUiOnTheOtlpPorts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dashboard = await DashboardApp.StartAsync(ct);
        using var otlp = new HttpClient { BaseAddress = dashboard.OtlpHttp };

        using var page = await dashboard.Ui.GetAsync(new Uri("/", UriKind.Relative), ct);
        using var traceOnUi = await dashboard.Ui.PostAsync(new Uri("/v1/traces", UriKind.Relative), Protobuf([]), ct);
        using var apiOnOtlp = await otlp.GetAsync(new Uri("/api/resources", UriKind.Relative), ct);
        using var empty = await otlp.PostAsync(new Uri("/v1/traces", UriKind.Relative), Protobuf([]), ct);
        using var json = await otlp.PostAsync(new Uri("/v1/traces", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("OpenTabletop dashboard", await page.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, traceOnUi.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, apiOnOtlp.StatusCode);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("application/x-protobuf", empty.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
    }

    [Fact]
    public async Task BeyondLoopbackTheBrowserNeedsTheTokenAndExportersTheApiKey()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dashboard = await DashboardApp.StartAsync(ct, ("AppHost:Dashboard:Host", "0.0.0.0"));
        var token = Assert.IsType<string>(dashboard.Endpoints.BrowserToken);
        var apiKey = Assert.IsType<string>(dashboard.Endpoints.OtlpApiKey);
        using var otlp = new HttpClient { BaseAddress = dashboard.OtlpHttp };

        using var anonymous = await dashboard.Ui.GetAsync(new Uri("/api/resources", UriKind.Relative), ct);
        using var wrongToken = await dashboard.Ui.GetAsync(new Uri("/login?t=not-it", UriKind.Relative), ct);
        using var login = await dashboard.Ui.GetAsync(new Uri($"/login?t={token}", UriKind.Relative), ct);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie")).Split(';')[0];
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/resources") { Headers = { { "Cookie", cookie } } };
        using var authorized = await dashboard.Ui.SendAsync(withCookie, ct);
        using var noKey = await otlp.PostAsync(new Uri("/v1/logs", UriKind.Relative), Protobuf([]), ct);
        using var withKey = new HttpRequestMessage(HttpMethod.Post, "/v1/logs") { Content = Protobuf([]), Headers = { { "x-otlp-api-key", apiKey } } };
        using var keyed = await otlp.SendAsync(withKey, ct);
        var source = $"Test.{Guid.NewGuid():N}";
        using (var tracer = Tracer(source, "remote", dashboard.OtlpGrpc, OtlpExportProtocol.Grpc, $"x-otlp-api-key={apiKey}"))
        using (var activities = new ActivitySource(source))
        {
            activities.StartActivity("keyed over gRPC")!.Dispose();
            Assert.True(tracer.ForceFlush(10_000));
        }

        using var tracesRequest = new HttpRequestMessage(HttpMethod.Get, "/api/traces?resource=remote") { Headers = { { "Authorization", $"Bearer {token}" } } };
        using var traces = await dashboard.Ui.SendAsync(tracesRequest, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        Assert.DoesNotContain(token, cookie, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, traces.StatusCode);
        Assert.Contains("keyed over gRPC", await traces.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.EndsWith($"/login?t={token}", dashboard.Endpoints.LoginUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TakenExplicitPortStopsTheStartNamingTheSetting()
    {
        var ct = TestContext.Current.CancellationToken;
        using var holder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(async () =>
        {
            await using var dashboard = await DashboardApp.StartAsync(ct, ("AppHost:Dashboard:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("AppHost:Dashboard:Port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GzippedHttpProtobufIsAccepted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dashboard = await DashboardApp.StartAsync(ct);
        var traceId = ActivityTraceId.CreateRandom();
        var spanId = ActivitySpanId.CreateRandom();
        var request = new OpenTelemetry.Proto.Collector.Trace.V1.ExportTraceServiceRequest
        {
            ResourceSpans =
            {
                new OpenTelemetry.Proto.Trace.V1.ResourceSpans
                {
                    Resource = new() { Attributes = { new OpenTelemetry.Proto.Common.V1.KeyValue { Key = "service.name", Value = new() { StringValue = "zipped" } } } },
                    ScopeSpans = { new OpenTelemetry.Proto.Trace.V1.ScopeSpans { Spans = { new OpenTelemetry.Proto.Trace.V1.Span
                    {
                        TraceId = Google.Protobuf.ByteString.CopyFrom(Convert.FromHexString(traceId.ToHexString())),
                        SpanId = Google.Protobuf.ByteString.CopyFrom(Convert.FromHexString(spanId.ToHexString())),
                        Name = "compressed",
                        Kind = OpenTelemetry.Proto.Trace.V1.Span.Types.SpanKind.Server,
                        StartTimeUnixNano = 1_700_000_000_000_000_000,
                        EndTimeUnixNano = 1_700_000_000_250_000_000,
                    } } } },
                },
            },
        };
        using var zipped = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(zipped, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Google.Protobuf.MessageExtensions.ToByteArray(request), ct);
        }

        using var content = Protobuf(zipped.ToArray());
        content.Headers.ContentEncoding.Add("gzip");
        using var otlp = new HttpClient { BaseAddress = dashboard.OtlpHttp };
        using var response = await otlp.PostAsync(new Uri("/v1/traces", UriKind.Relative), content, ct);
        var trace = await dashboard.GetAsync<TraceDetail>($"/api/traces/{traceId.ToHexString()}", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var span = Assert.Single(trace.Spans).Span;
        Assert.Equal(("zipped", "compressed", "Server", 250d), (span.Service, span.Name, span.Kind, span.DurationMs));
    }

    [Fact]
    public async Task OnLoopbackNoTokenIsNeeded()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dashboard = await DashboardApp.StartAsync(ct);

        using var resources = await dashboard.Ui.GetAsync(new Uri("/api/resources", UriKind.Relative), ct);

        Assert.Null(dashboard.Endpoints.BrowserToken);
        Assert.Equal(dashboard.Endpoints.Url, dashboard.Endpoints.LoginUrl);
        Assert.Equal(HttpStatusCode.OK, resources.StatusCode);
    }

    private static TracerProvider Tracer(string source, string service, Uri endpoint, OtlpExportProtocol protocol, string? headers = null) =>
        Sdk.CreateTracerProviderBuilder()
            .AddSource(source)
            .SetSampler(new AlwaysOnSampler())
            .ConfigureResource(r => r.AddService(service))
            .AddOtlpExporter(o =>
            {
                o.Endpoint = protocol == OtlpExportProtocol.Grpc ? endpoint : new Uri(endpoint, "/v1/traces");
                o.Protocol = protocol;
                o.ExportProcessorType = ExportProcessorType.Simple;
                o.Headers = headers;
            })
            .Build();

    /// <summary>Exports each record as it is logged (simple processor); disposing the factory flushes and shuts the exporter down.</summary>
    private static ILoggerFactory Loggers(string service, Uri endpoint, OtlpExportProtocol protocol) =>
        LoggerFactory.Create(logging => logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(service));
            o.AddOtlpExporter(exporter =>
            {
                exporter.Endpoint = protocol == OtlpExportProtocol.Grpc ? endpoint : new Uri(endpoint, "/v1/logs");
                exporter.Protocol = protocol;
                exporter.ExportProcessorType = ExportProcessorType.Simple;
            });
        }));

    private static ByteArrayContent Protobuf(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/x-protobuf");
        return content;
    }
}
