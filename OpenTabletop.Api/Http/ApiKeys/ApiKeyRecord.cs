namespace OpenTabletop.Api.Http.ApiKeys;

/// <summary>A row of api_keys as operators see it (never the key itself, which exists only at creation).</summary>
public sealed record ApiKeyRecord(
    Guid Id, string Prefix, string Owner, IReadOnlyList<string> Scopes, DateTime NotBefore, DateTime? NotAfter,
    DateTime? RevokedAt, DateTime CreatedAt, DateTime? LastUsedAt, Guid? RotatedFrom)
{
    /// <summary>Usable at <paramref name="now"/>: not revoked, started, not expired.</summary>
    public bool IsValidAt(DateTime now) => RevokedAt is null && NotBefore <= now && (NotAfter is null || now < NotAfter);

    /// <summary>Why the key is refused at <paramref name="now"/>, for the 401's detail; null when it is valid.</summary>
    public string? RefusalAt(DateTime now) =>
        RevokedAt is not null ? "The API key was revoked."
        : NotBefore > now ? "The API key is not valid yet."
        : NotAfter is { } end && now >= end ? "The API key has expired."
        : null;

    /// <summary>valid, revoked, pending (not yet valid) or expired at <paramref name="now"/>.</summary>
    public string StateAt(DateTime now) =>
        RefusalAt(now) is null ? "valid" : RevokedAt is not null ? "revoked" : NotBefore > now ? "pending" : "expired";
}

/// <summary>A key just created: the record and, this once, the plaintext to hand to its owner.</summary>
public sealed record CreatedApiKey(ApiKeyRecord Key, string Plaintext);
