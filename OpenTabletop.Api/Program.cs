using OpenTabletop.Api.Games;
using OpenTabletop.Api.Http;
using OpenTabletop.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOpenTabletopDatabase("opentabletop");
builder.AddOpenTabletopCache("cache");
builder.AddHttpConventions();

var app = builder.Build();
app.UseHttpConventions();
app.MapDefaultEndpoints();

var v1 = app.MapGroup("/v1");
v1.MapGamesApi();

app.Run();
