using OpenTabletop.Api.Admin;
using OpenTabletop.Api.Export;
using OpenTabletop.Api.Games;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.ApiKeys;
using OpenTabletop.Api.Http.Hardening;
using OpenTabletop.Api.Http.RateLimits;
using OpenTabletop.Api.Http.OpenApi;
using OpenTabletop.Api.Maintenance;
using OpenTabletop.Api.People;
using OpenTabletop.Api.Search;
using OpenTabletop.Api.Statistics;
using OpenTabletop.Api.Taxonomy;
using OpenTabletop.Api.Votes;
using OpenTabletop.Data;
using OpenTabletop.Data.ReadReplica;
using OpenTabletop.ServiceDefaults;

if (KeysCommand.Handles(args)) return await KeysCommand.RunAsync(args, Console.Out, Console.Error);

WebApplication app;
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddOpenTabletopDatabase("opentabletop");
    builder.AddOpenTabletopReadReplica("opentabletop");
    builder.AddOpenTabletopCache("cache");
    builder.AddHttpConventions();
    builder.AddApiKeys();
    builder.AddRateLimits();
    builder.AddHardening();
    builder.AddOpenApiDocument();
    builder.Services.AddGamesApi(builder.Configuration);
    builder.Services.AddTaxonomyApi();
    builder.Services.AddPeopleApi();
    builder.Services.AddSearchApi();
    builder.Services.AddVotesApi(builder.Configuration);
    builder.Services.AddExportApi(builder.Configuration);
    builder.Services.AddAdminApi();
    builder.Services.AddMaintenance(builder.Configuration);
    app = builder.Build();
}
catch (Exception e) when (BootFailure.IsConfiguration(e))
{
    return BootFailure.Exit(e);
}

app.WarnOfDevelopmentSalt();
app.UseHttpConventions();
app.MapDefaultEndpoints();
app.MapOpenApiDocument();

var v1 = app.MapGroup("/v1");
v1.MapGamesApi();
v1.MapTaxonomyApi();
v1.MapPeopleApi();
v1.MapSearchApi();
v1.MapExportApi();
v1.MapStatisticsApi();
v1.MapAdminApi();

await app.RunAsync();
return 0;
