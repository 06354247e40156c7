using OpenTabletop.Data;
using OpenTabletop.Materializer;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.AddOpenTabletopDatabase("opentabletop");
builder.AddOpenTabletopCache("cache");
builder.Services.AddHostedService<MaterializerWorker>();

var host = builder.Build();
await host.RunAsync();
