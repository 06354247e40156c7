using OpenTabletop.Data;
using OpenTabletop.Materializer.Pipeline;
using OpenTabletop.Materializer.Runs;
using OpenTabletop.Materializer.Verify;

namespace OpenTabletop.Materializer;

internal static class MaterializerRegistration
{
    /// <summary>
    /// Everything the Materializer needs, in whichever mode it runs; <paramref name="worker"/> adds the
    /// long-running scheduler (the default mode; not for <c>--once</c> or <c>--verify</c>).
    /// </summary>
    public static IHostApplicationBuilder AddMaterializer(this IHostApplicationBuilder builder, bool worker)
    {
        builder.AddOpenTabletopDatabase("opentabletop");
        builder.Services.AddSingleton(MaterializerSettings.From(builder.Configuration));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MaterializationPipeline>();
        builder.Services.AddSingleton<RunRecorder>();
        builder.Services.AddSingleton<RunCoordinator>();
        builder.Services.AddSingleton<DriftCheck>();
        if (worker) builder.Services.AddHostedService<MaterializerWorker>();
        return builder;
    }
}
