using System.Text.Json.Serialization;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.ApiKeys;

namespace OpenTabletop.Api.Admin;

/// <summary>The body of POST /v1/admin/keys: not_after or days (from not_before, or now), not both.</summary>
public sealed record CreateApiKeyBody(string? Owner, IReadOnlyList<string>? Scopes, DateTimeOffset? NotBefore, DateTimeOffset? NotAfter, int? Days);

/// <summary>The optional body of POST /v1/admin/keys/{id}/rotate.</summary>
public sealed record RotateApiKeyBody(int? OverlapDays);

/// <summary>An API key as operators see it; <see cref="Key"/> (the plaintext) only in the response that created it.</summary>
public sealed record ApiKeyResponse(
    Guid Id, string? Key, string Prefix, string Owner, IReadOnlyList<string> Scopes, string State, DateTime NotBefore, DateTime? NotAfter,
    DateTime? RevokedAt, DateTime CreatedAt, DateTime? LastUsedAt, Guid? RotatedFrom, [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links)
{
    public static ApiKeyResponse Of(ApiKeyRecord key, DateTime now, string? plaintext = null) => new(
        key.Id, plaintext, key.Prefix, key.Owner, key.Scopes, key.StateAt(now), Utc(key.NotBefore), Utc(key.NotAfter), Utc(key.RevokedAt),
        Utc(key.CreatedAt), Utc(key.LastUsedAt), key.RotatedFrom,
        new Dictionary<string, Link> { ["self"] = new($"{KeysApi.Path}/{key.Id:D}") });

    private static DateTime Utc(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? time) => time is { } t ? Utc(t) : null;
}

public sealed record ApiKeysResponse(IReadOnlyList<ApiKeyResponse> Data, [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);
