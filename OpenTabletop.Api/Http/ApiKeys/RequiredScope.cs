namespace OpenTabletop.Api.Http.ApiKeys;

/// <summary>Endpoint metadata: the scope a caller's API key must have (checked before the body is read).</summary>
public sealed record RequiredScope(string Scope);

public static class RequiredScopeExtensions
{
    /// <summary>Only callers whose key has <paramref name="scope"/>: 401 without a key, 403 with a key that lacks it.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new RequiredScope(scope));
        return builder;
    }
}
