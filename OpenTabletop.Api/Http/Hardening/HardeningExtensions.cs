using System.IO.Compression;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.ResponseCompression;

namespace OpenTabletop.Api.Http.Hardening;

public static class HardeningExtensions
{
    public const string CorsPolicy = "configured-origins";

    /// <summary>CORS from CORS_ORIGINS, request timeouts, response compression; settings validated now.</summary>
    public static WebApplicationBuilder AddHardening(this WebApplicationBuilder builder)
    {
        var cors = CorsSettings.From(builder.Configuration, builder.Environment);
        var timeout = RequestTimeoutSettings.From(builder.Configuration);

        builder.Services.AddCors(options => options.AddPolicy(CorsPolicy, policy =>
        {
            if (cors.AnyOrigin) policy.AllowAnyOrigin();
            else policy.WithOrigins([.. cors.Origins]);
            policy.WithMethods("GET", "HEAD", "POST", "OPTIONS").WithHeaders(CorsSettings.AllowedHeaders)
                .WithExposedHeaders(CorsSettings.ExposedHeaders).SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));

        builder.Services.AddRequestTimeouts(options =>
        {
            options.DefaultPolicy = new RequestTimeoutPolicy
            {
                Timeout = timeout,
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
                WriteTimeoutResponse = context => Problems.Create(StatusCodes.Status503ServiceUnavailable,
                    $"The request took longer than {timeout.TotalSeconds:0} s and was stopped; try again, or narrow it.").ExecuteAsync(context),
            };
        });

        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["application/json", "application/problem+json", "application/x-ndjson", "text/csv"];
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return builder;
    }

    /// <summary>
    /// Compression outermost (it wraps whatever is written), then the security headers and CORS (a
    /// preflight is answered before limits and keys), then the request timeout around the endpoint.
    /// Admin responses are never compressed: one carries a new key, and compressing secrets next to
    /// reflected input is what BREACH reads them from.
    /// </summary>
    public static WebApplication UseHardening(this WebApplication app)
    {
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/v1/admin"), branch => branch.UseResponseCompression());
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseCors(CorsPolicy);
        return app;
    }
}
