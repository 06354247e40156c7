namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>api_keys</c>. Only an HMAC of the key is stored, never the plaintext.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    /// <summary>HMAC-SHA256(API_KEY_SALT, plaintext).</summary>
    public required byte[] KeyHash { get; set; }
    public required string KeyPrefix { get; set; }
    public required string Owner { get; set; }
    /// <summary>A non-empty subset of read, write, admin.</summary>
    public string[] Scopes { get; set; } = [];
    /// <summary>Defaults to <c>now()</c> in the database when left unset.</summary>
    public DateTime NotBefore { get; set; }
    public DateTime? NotAfter { get; set; }
    public DateTime? RevokedAt { get; set; }
    /// <summary>Defaults to <c>now()</c> in the database when left unset.</summary>
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    /// <summary>The key this one replaced, if it came from a rotation.</summary>
    public Guid? RotatedFrom { get; set; }

    public ApiKey? RotatedFromKey { get; set; }
}
