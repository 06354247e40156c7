using OpenTabletop.Data;
using OpenTabletop.Materializer;
using OpenTabletop.ServiceDefaults;

IHost host;
try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.AddServiceDefaults();
    builder.AddOpenTabletopDatabase("opentabletop");
    builder.AddOpenTabletopCache("cache");
    builder.Services.AddHostedService<MaterializerWorker>();
    host = builder.Build();
}
catch (Exception e) when (BootFailure.IsConfiguration(e))
{
    return BootFailure.Exit(e);
}

await host.RunAsync();
return 0;
