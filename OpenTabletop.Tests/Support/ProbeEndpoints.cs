using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OpenTabletop.Tests.Support;

/// <summary>
/// Test-only endpoints for the framework's own error paths (the API has no POST endpoint yet). The startup filter
/// adds them after the app's whole pipeline, in a branch of their own, so a request to them passes through the app's
/// exception handler, status code pages and caching middleware: what the tests see is the app's conventions.
/// </summary>
public sealed class ProbeEndpoints : IStartupFilter
{
    public const string Root = "/probe";

    /// <summary>POST here with a <see cref="ProbeBody"/>; <c>{number}</c> binds to an int.</summary>
    public const string Items = Root + "/items";

    /// <summary>Throws, to show what an unhandled exception becomes.</summary>
    public const string Failure = Root + "/failure";

    /// <summary>Takes ten seconds unless its request is cancelled: what a request timeout stops.</summary>
    public const string Slow = Root + "/slow";

    public static void AddTo(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ProbeEndpoints>());

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Map(Root, probe =>
        {
            probe.UseRouting();
            probe.UseEndpoints(endpoints =>
            {
                endpoints.MapPost("/items/{number}", (int number, ProbeBody body) => TypedResults.Ok(new ProbeEcho(number, body.Name, body.Count)));
                endpoints.MapGet("/failure", IResult () => throw new InvalidOperationException("secret internals"));
                endpoints.MapGet("/slow", async (CancellationToken ct) =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), ct);
                    return TypedResults.Ok();
                });
            });
        });
    };
}

public sealed record ProbeBody(string Name, int Count);

public sealed record ProbeEcho(int Number, string Name, int Count);
