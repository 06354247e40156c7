namespace OpenTabletop.Api.Http.ApiKeys;

public static class ApiKeysExtensions
{
    /// <summary>API_KEY_SALT (validated now, so a bad one stops the boot), the key store and the verifier.</summary>
    public static WebApplicationBuilder AddApiKeys(this WebApplicationBuilder builder)
    {
        var salt = ApiKeySalt.From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(salt).AddSingleton(TimeProvider.System).AddMemoryCache()
            .AddSingleton<ApiKeyStore>().AddSingleton<ApiKeyVerifier>();
        return builder;
    }

    /// <summary>Says so at start when keys are hashed under the published Development salt.</summary>
    public static WebApplication WarnOfDevelopmentSalt(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ApiKeySalt>().IsDevelopmentDefault)
        {
            app.Logger.LogWarning("API_KEY_SALT is not set: API keys are hashed under the published Development salt. Set it before issuing real keys.");
        }
        return app;
    }
}
