namespace OpenTabletop.Api.Http.OpenApi;

/// <summary>Endpoint metadata: the spec schema an endpoint's 200 body, or each item of its page, is published as.</summary>
/// <remarks>For a record shared by several spec schemas (one TaxonomyTermResponse for Mechanic, Category and Theme).</remarks>
public sealed record ResponseSchemaName(string Name);

public static class EndpointDocumentation
{
    /// <summary>Declares RFC 9457 problem responses (application/problem+json, the spec's ErrorResponse).</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var status in statusCodes) builder.ProducesProblem(status);
        return builder;
    }

    /// <summary>Publishes the 200 body (or each item of a page) under the spec's schema <paramref name="name"/>.</summary>
    public static RouteHandlerBuilder WithResponseSchema(this RouteHandlerBuilder builder, string name) =>
        builder.WithMetadata(new ResponseSchemaName(name));
}
