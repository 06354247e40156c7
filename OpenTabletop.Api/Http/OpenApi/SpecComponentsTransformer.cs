using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OpenTabletop.Api.Http.OpenApi;

/// <summary>
/// Components the generator cannot name from types alone: the spec's PaginatedResponse envelope that every list
/// refers to, and the spec names of records that serve several schemas (TaxonomyTerm as Mechanic, Category, Theme),
/// per endpoint (<see cref="ResponseSchemaName"/>) and per property (<see cref="SchemaNames.PropertySchemas"/>).
/// </summary>
internal sealed class SpecComponentsTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null) return Task.CompletedTask;

        var meta = SchemaNames.For(typeof(Paging.PageMeta))!;
        var links = SchemaNames.For(typeof(Paging.PageLinks))!;
        // Lists refer to it (ResponseSchemaTransformer); without a list there are no paging components to refer to.
        if (schemas.ContainsKey(meta) && schemas.ContainsKey(links)) schemas[SchemaNames.PaginatedResponse] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The envelope of every list: a page of items, the paging metadata and the HAL links.",
            Required = new HashSet<string> { "data", "meta", "_links" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["data"] = new OpenApiSchema { Type = JsonSchemaType.Array, Description = "The page of results.", Items = new OpenApiSchema() },
                ["meta"] = new OpenApiSchemaReference(meta, document),
                ["_links"] = new OpenApiSchemaReference(links, document),
            },
        };

        // An alias is a copy of the shared record's schema under the spec's name; the shared name goes once nothing
        // refers to it any more.
        var aliased = new HashSet<string>(StringComparer.Ordinal);
        foreach (var description in context.DescriptionGroups.SelectMany(g => g.Items))
        {
            if (description.ActionDescriptor.EndpointMetadata.OfType<ResponseSchemaName>().LastOrDefault() is not { } alias) continue;
            var ok = description.SupportedResponseTypes.FirstOrDefault(r => r.StatusCode == StatusCodes.Status200OK)?.Type;
            if (ok is null) continue;
            var source = SchemaNames.For(SchemaNames.IsPage(ok) ? ok.GetGenericArguments()[0] : ok);
            if (source is null || source == alias.Name || !schemas.TryGetValue(source, out var shared)) continue;
            schemas[alias.Name] = shared.CreateShallowCopy();
            aliased.Add(source);
        }
        foreach (var (component, property, name) in SchemaNames.PropertySchemas)
        {
            if (Retarget(document, component, property, name) is { } source && schemas.TryGetValue(source, out var shared))
            {
                schemas.TryAdd(name, shared.CreateShallowCopy());
                aliased.Add(source);
            }
        }
        var referenced = SchemaReferences.In(document);
        foreach (var name in aliased.Where(n => !referenced.Contains(n))) schemas.Remove(name);
        return Task.CompletedTask;
    }

    /// <summary>Points a component's property (a reference, or an array of them) at <paramref name="name"/>; the old target, if it changed.</summary>
    private static string? Retarget(OpenApiDocument document, string component, string property, string name)
    {
        if (document.Components?.Schemas is not { } schemas || !schemas.TryGetValue(component, out var owner)
            || owner.Properties is not { } properties || !properties.TryGetValue(property, out var value))
            return null;
        switch (value)
        {
            case OpenApiSchemaReference { Reference.Id: { } id } when id != name:
                properties[property] = new OpenApiSchemaReference(name, document);
                return id;
            case OpenApiSchema { Items: OpenApiSchemaReference { Reference.Id: { } itemId } } array when itemId != name:
                array.Items = new OpenApiSchemaReference(name, document);
                return itemId;
            default:
                return null;
        }
    }
}
