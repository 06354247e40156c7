using System.Net;

namespace OpenTabletop.Api.Http.ApiKeys;

/// <summary>
/// Who is calling: the API key the request presented (once verified) or, for an anonymous request,
/// the client address. Limits (rate limits, export quotas, vote velocity) are counted per
/// <see cref="LimitKey"/>; scopes decide what the caller may do.
/// </summary>
public sealed record ApiClient(Guid? KeyId, string? Owner, IReadOnlySet<string> Scopes, IPAddress? Address)
{
    public const string ReadScope = "read";
    public const string WriteScope = "write";
    public const string AdminScope = "admin";

    public bool IsAnonymous => KeyId is null;

    /// <summary>Scopes nest: admin includes write, write includes read.</summary>
    public bool Has(string scope) => scope switch
    {
        ReadScope => Scopes.Contains(ReadScope) || Scopes.Contains(WriteScope) || Scopes.Contains(AdminScope),
        WriteScope => Scopes.Contains(WriteScope) || Scopes.Contains(AdminScope),
        _ => Scopes.Contains(scope),
    };

    /// <summary><c>key:&lt;uuid&gt;</c> for a key holder, <c>ip:&lt;address&gt;</c> otherwise.</summary>
    public string LimitKey => KeyId is { } id ? "key:" + id.ToString("D") : "ip:" + (Address?.ToString() ?? "unknown");

    public static ApiClient Anonymous(IPAddress? address) => new(null, null, new HashSet<string>(), address);
}

public static class ApiClientExtensions
{
    /// <summary>The caller as the API key middleware resolved it; anonymous from the connection's address when it did not run.</summary>
    public static ApiClient GetApiClient(this HttpContext context) =>
        context.Features.Get<ApiClient>() ?? ApiClient.Anonymous(context.Connection.RemoteIpAddress);
}
