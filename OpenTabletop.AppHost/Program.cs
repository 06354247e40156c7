using OpenTabletop.AppHost;
using OpenTabletop.AppHost.Hosting;

// The resource graph lives in AppHostGraph.cs so that the tests start exactly the same application.
var builder = DistributedApplication.CreateBuilder(args);
AppHostGraph.Configure(builder);
await builder.Build().RunAsync();
