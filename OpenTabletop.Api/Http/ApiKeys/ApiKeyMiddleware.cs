namespace OpenTabletop.Api.Http.ApiKeys;

/// <summary>
/// Resolves the caller: a valid <c>X-API-Key</c> makes the request the key's (<see cref="ApiClient"/>),
/// an invalid one is refused with 401 whatever the endpoint (a caller who sends a key means to use
/// it, and silently serving them as anonymous would hide the mistake), none leaves it anonymous.
/// Then an endpoint that requires a scope (<see cref="RequiredScope"/>) refuses an anonymous caller
/// with 401 and a key without the scope with 403, before anything is read from the request.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyVerifier verifier)
{
    public const string Header = "X-API-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (context.Request.Headers.TryGetValue(Header, out var values))
        {
            var (key, refusal) = await verifier.VerifyAsync(values.ToString().Trim(), context.RequestAborted);
            if (key is null)
            {
                await RefuseAsync(context, StatusCodes.Status401Unauthorized, refusal!);
                return;
            }
            context.Features.Set(new ApiClient(key.Id, key.Owner, key.Scopes.ToHashSet(StringComparer.Ordinal), address));
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>() is { } required)
        {
            var client = context.GetApiClient();
            if (client.IsAnonymous)
            {
                await RefuseAsync(context, StatusCodes.Status401Unauthorized, $"This endpoint needs an API key with the {required.Scope} scope in the {Header} header.");
                return;
            }
            if (!client.Has(required.Scope))
            {
                await RefuseAsync(context, StatusCodes.Status403Forbidden, $"The API key does not have the {required.Scope} scope this endpoint needs.");
                return;
            }
        }
        await next(context);
    }

    private static Task RefuseAsync(HttpContext context, int status, string detail)
    {
        if (status == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{Header}\"";
        return Problems.Create(status, detail).ExecuteAsync(context);
    }
}
