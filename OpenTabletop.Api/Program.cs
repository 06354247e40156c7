using OpenTabletop.Api.Games;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.OpenApi;
using OpenTabletop.Api.People;
using OpenTabletop.Api.Search;
using OpenTabletop.Api.Taxonomy;
using OpenTabletop.Data;
using OpenTabletop.ServiceDefaults;

WebApplication app;
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddOpenTabletopDatabase("opentabletop");
    builder.AddOpenTabletopCache("cache");
    builder.AddHttpConventions();
    builder.AddOpenApiDocument();
    builder.Services.AddGamesApi();
    builder.Services.AddTaxonomyApi();
    builder.Services.AddPeopleApi();
    builder.Services.AddSearchApi();
    app = builder.Build();
}
catch (Exception e) when (BootFailure.IsConfiguration(e))
{
    return BootFailure.Exit(e);
}

app.UseHttpConventions();
app.MapDefaultEndpoints();
app.MapOpenApiDocument();

var v1 = app.MapGroup("/v1");
v1.MapGamesApi();
v1.MapTaxonomyApi();
v1.MapPeopleApi();
v1.MapSearchApi();

await app.RunAsync();
return 0;
