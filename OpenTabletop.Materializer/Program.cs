using OpenTabletop.Data;
using OpenTabletop.Materializer;
using OpenTabletop.ServiceDefaults;

// The worker by default (schedule + on-demand requests); `--once` runs one pipeline and exits;
// `--verify` recomputes the aggregates and reports drift. Exit codes: MaterializerCommand.
var mode = MaterializerMode.Worker;
IHost host;
try
{
    (mode, var rest) = MaterializerCommand.Parse(args);
    var builder = Host.CreateApplicationBuilder(rest);
    builder.AddServiceDefaults();
    builder.AddOpenTabletopCache("cache");
    builder.AddMaterializer(worker: mode == MaterializerMode.Worker);
    host = builder.Build();
}
catch (Exception e) when (BootFailure.IsConfiguration(e))
{
    var code = BootFailure.Exit(e);
    return mode == MaterializerMode.Verify ? MaterializerCommand.VerifyError : code;
}

if (mode == MaterializerMode.Worker)
{
    await host.RunAsync();
    return 0;
}

using (host)
{
    await host.StartAsync();
    var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
    var exitCode = mode == MaterializerMode.Once
        ? await MaterializerCommand.OnceAsync(host.Services, stopping)
        : await MaterializerCommand.VerifyAsync(host.Services, stopping);
    await host.StopAsync();
    return exitCode;
}
