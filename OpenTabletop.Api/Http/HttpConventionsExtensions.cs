using System.Text.Json;
using System.Text.Json.Serialization;

using OpenTabletop.Api.Http.Hardening;
using OpenTabletop.Api.Http.RateLimits;

namespace OpenTabletop.Api.Http;

public static class HttpConventionsExtensions
{
    /// <summary>snake_case JSON as the spec spells it, and RFC 9457 problems for every error.</summary>
    public static WebApplicationBuilder AddHttpConventions(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.DictionaryKeyPolicy = null;
            // Absent rather than null unless the spec declares the field nullable (those say Never).
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            // A number is a JSON number: "5" for an integer field is a wrong type (400, SPEC-DECISIONS "Validation
            // codes"), and the generated OpenAPI schemas then say integer rather than integer-or-numeric-string.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = Problems.Customize);

        // The framework's own errors as problems with a reason: a parameter or body that does not bind throws
        // (instead of an empty 400) so the exception handler writes why, with the exception's own status code.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<ExceptionHandlerOptions>(options =>
        {
            options.StatusCodeSelector = FrameworkProblems.StatusCodeOf;
            options.SuppressDiagnosticsCallback = context => FrameworkProblems.IsClientError(context.Exception);
        });
        builder.Services.AddSingleton(Caching.ResponseCacheSettings.From(builder.Configuration));
        builder.Services.AddSingleton<Caching.ServedDataVersion>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Caching.ServedDataVersion>());
        var maxBody = RequestBodyLimit.From(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBody);
        return builder;
    }

    public static WebApplication UseHttpConventions(this WebApplication app)
    {
        // First: the client's address (from a trusted proxy's X-Forwarded-For) is what limits are counted by.
        app.UseTrustedProxies();
        app.UseHardening();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Before the ETag buffering: a refused request's problem is never tagged or cached. The rate limit
        // first, so that a request with a wrong key still spends its address's tokens.
        app.UseMiddleware<RateLimits.RateLimitMiddleware>();
        app.UseMiddleware<ApiKeys.ApiKeyMiddleware>();
        app.UseMiddleware<Maintenance.MaintenanceMiddleware>();
        app.UseMiddleware<Caching.ConditionalGetMiddleware>();
        // Inside the ETag buffering: a cached body is tagged exactly as a fresh one.
        app.UseMiddleware<Caching.ResponseCacheMiddleware>();
        // Last before the endpoint: it needs the endpoint's metadata (an export opts out).
        app.UseRequestTimeouts();
        return app;
    }
}
