using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenTabletop.Data.ReadReplica;

namespace OpenTabletop.Api.Export;

/// <summary>What an export needs from the container, in one place (the endpoint and its stream share it).</summary>
internal sealed class ExportServices(
    ReadSource reads,
    ExportSettings settings,
    ExportQuota quota,
    ExportSlots slots,
    ExportMetrics metrics,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    ILogger<ExportServices> logger)
{
    /// <summary>The export's reads (never its quota, which writes): the read replica when there is one.</summary>
    public ReadSource Reads => reads;
    public ExportSettings Settings => settings;
    public ExportQuota Quota => quota;
    public ExportSlots Slots => slots;
    public ExportMetrics Metrics => metrics;
    /// <summary>The API's own JSON options: each line is serialised exactly as the endpoints serialise a Game.</summary>
    public JsonSerializerOptions Json => json.Value.SerializerOptions;
    public ILogger Logger => logger;
}
