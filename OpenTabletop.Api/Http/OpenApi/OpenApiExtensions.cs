using Scalar.AspNetCore;

namespace OpenTabletop.Api.Http.OpenApi;

/// <summary>The OpenAPI document generated from the endpoints, at /openapi/v1.json, and its docs page at /docs.</summary>
public static class OpenApiExtensions
{
    public const string DocumentName = "v1";
    public const string DocumentRoute = "/openapi/{documentName}.json";
    public const string DocsRoute = "/docs";

    public static WebApplicationBuilder AddOpenApiDocument(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            // Only the API: health, readiness and metrics are operational endpoints outside the spec.
            options.ShouldInclude = description =>
                ("/" + description.RelativePath).StartsWith(ApiDocumentTransformer.BasePath + "/", StringComparison.Ordinal);
            options.CreateSchemaReferenceId = SchemaNames.ReferenceId;
            options.AddSchemaTransformer<OmittedNullsSchemaTransformer>();
            options.AddOperationTransformer<ResponseSchemaTransformer>();
            options.AddOperationTransformer<PagingParametersTransformer>();
            options.AddDocumentTransformer<ApiDocumentTransformer>();
            options.AddDocumentTransformer<SpecComponentsTransformer>();
            options.AddDocumentTransformer<ErrorResponseTransformer>();
        });
        return builder;
    }

    public static WebApplication MapOpenApiDocument(this WebApplication app)
    {
        app.MapOpenApi(DocumentRoute);
        app.MapScalarApiReference(DocsRoute, options => options
            .WithTitle("OpenTabletop API")
            .WithOpenApiRoutePattern(DocumentRoute));
        return app;
    }
}
