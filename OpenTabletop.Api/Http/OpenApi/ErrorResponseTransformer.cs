using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OpenTabletop.Api.Http.OpenApi;

/// <summary>
/// ProblemDetails as the spec's ErrorResponse, with what <see cref="Problems"/> adds to every problem: the field
/// errors (the spec's ValidationError) and the trace id. Also the problems the framework itself writes (unknown
/// route, wrong method, bad body), which no endpoint declares.
/// </summary>
internal sealed class ErrorResponseTransformer : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var schemas = document.Components.Schemas;
        if (!schemas.ContainsKey(SchemaNames.ValidationError))
            document.AddComponent(SchemaNames.ValidationError, await context.GetOrCreateSchemaAsync(typeof(FieldError), null, cancellationToken));
        if (!schemas.TryGetValue(SchemaNames.ErrorResponse, out var existing) || existing is not OpenApiSchema problem)
        {
            problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
            document.AddComponent(SchemaNames.ErrorResponse, problem);
        }

        problem.Description = "An RFC 9457 problem. `type` is https://api.opentabletop.org/problems/<kind>; `instance` is the request's URL.";
        problem.Properties ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var name in (string[])["type", "title", "detail", "instance"])
        {
            // Problems.Customize fills every one of them, so none is ever null.
            if (problem.Properties.TryGetValue(name, out var field) && field is OpenApiSchema text) text.Type = JsonSchemaType.String;
        }
        if (problem.Properties.TryGetValue("type", out var type) && type is OpenApiSchema typeSchema) typeSchema.Format = "uri";
        if (problem.Properties.TryGetValue("instance", out var instance) && instance is OpenApiSchema instanceSchema) instanceSchema.Format = "uri";
        if (problem.Properties.TryGetValue("status", out var status) && status is OpenApiSchema statusSchema) statusSchema.Type = JsonSchemaType.Integer;
        problem.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "Field-level errors, `field` in dot notation (`filters.players.min`).",
            Items = new OpenApiSchemaReference(SchemaNames.ValidationError, document),
        };
        problem.Properties["trace_id"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The W3C trace id of the request, to find it in the logs.",
        };
        problem.Required = new HashSet<string>(StringComparer.Ordinal) { "type", "title", "status", "detail", "instance", "trace_id" };
    }
}
