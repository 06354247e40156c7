using Microsoft.AspNetCore.Http.HttpResults;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.ApiKeys;
using OpenTabletop.Api.Http.OpenApi;

namespace OpenTabletop.Api.Admin;

/// <summary>
/// /v1/admin/keys (admin scope): the operator's key commands (<see cref="KeysCommand"/>) over HTTP.
/// The plaintext of a new key is in the creating response only; revoking is DELETE (the row stays,
/// with revoked_at, since votes refer to it).
/// </summary>
public static class KeysApi
{
    public const string Path = "/v1/admin/keys";
    public const int MaxOwner = 200;
    public const int DefaultOverlapDays = 7;
    public const int MaxDays = 3650;

    public static RouteGroupBuilder MapKeysApi(this RouteGroupBuilder admin)
    {
        var keys = admin.MapGroup("/keys");
        keys.MapGet("", List).WithName("listApiKeys").WithSummary("Every API key (never the key itself: its prefix, owner, scopes and state)")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        keys.MapPost("", Create).WithName("createApiKey").WithSummary("Create a key; the response holds its plaintext, shown this once")
            .Produces<ApiKeyResponse>(StatusCodes.Status201Created)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        keys.MapGet("/{id:guid}", Get).WithName("getApiKey").WithSummary("One API key")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        keys.MapPost("/{id:guid}/rotate", Rotate).WithName("rotateApiKey")
            .WithSummary("A new key with the same owner and scopes; the old one stays valid for the overlap (default 7 days)")
            .Produces<ApiKeyResponse>(StatusCodes.Status201Created)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        keys.MapDelete("/{id:guid}", Revoke).WithName("revokeApiKey").WithSummary("Revoke a key now (replicas stop accepting it within a minute)")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return admin;
    }

    internal static async Task<Ok<ApiKeysResponse>> List(ApiKeyStore store, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var keys = await store.ListAsync(ct);
        return TypedResults.Ok(new ApiKeysResponse([.. keys.Select(k => ApiKeyResponse.Of(k, now))],
            new Dictionary<string, Link> { ["self"] = new(Path) }));
    }

    internal static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> Get(Guid id, ApiKeyStore store, TimeProvider time, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } key ? TypedResults.Ok(ApiKeyResponse.Of(key, time.GetUtcNow().UtcDateTime)) : NoKey(id);

    internal static async Task<Results<Created<ApiKeyResponse>, ProblemHttpResult>> Create(
        CreateApiKeyBody body, ApiKeyStore store, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var errors = new List<FieldError>();
        var owner = body.Owner?.Trim();
        if (string.IsNullOrEmpty(owner)) errors.Add(new("owner", "owner is required: who the key is for.", "required"));
        else if (owner.Length > MaxOwner) errors.Add(new("owner", $"owner must be at most {MaxOwner} characters.", "too_long"));
        var scopes = body.Scopes ?? [ApiClient.ReadScope];
        if (scopes.Count == 0 || scopes.Any(s => s is null || !ApiKeyStore.AllScopes.Contains(s)))
        {
            errors.Add(new("scopes", $"scopes must be a non-empty list of {string.Join(", ", ApiKeyStore.AllScopes)}.", "invalid_enum"));
        }
        if (body.Days is < 1 or > MaxDays) errors.Add(new("days", $"days must be from 1 to {MaxDays}.", "out_of_range"));
        if (body.Days is not null && body.NotAfter is not null) errors.Add(new("days", "Give not_after or days, not both.", "conflict"));
        var notBefore = body.NotBefore?.UtcDateTime;
        var notAfter = body.NotAfter?.UtcDateTime ?? (body.Days is { } days and >= 1 and <= MaxDays ? (notBefore ?? now).AddDays(days) : null);
        if (notAfter is { } end && end <= (notBefore ?? now))
        {
            errors.Add(new("not_after", "not_after must be later than not_before (and than now).", "out_of_range"));
        }
        if (errors.Count > 0) return Problems.Create(StatusCodes.Status400BadRequest, "The key has invalid values.", errors);

        var created = await store.CreateAsync(owner!, scopes, notBefore, notAfter, ct);
        return TypedResults.Created($"{Path}/{created.Key.Id:D}", ApiKeyResponse.Of(created.Key, now, created.Plaintext));
    }

    internal static async Task<Results<Created<ApiKeyResponse>, ProblemHttpResult>> Rotate(
        Guid id, RotateApiKeyBody? body, ApiKeyStore store, TimeProvider time, CancellationToken ct)
    {
        var overlap = body?.OverlapDays ?? DefaultOverlapDays;
        if (overlap is < 1 or > MaxDays)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "The rotation has invalid values.",
                [new("overlap_days", $"overlap_days must be from 1 to {MaxDays}.", "out_of_range")]);
        }
        if (await store.RotateAsync(id, TimeSpan.FromDays(overlap), ct) is not { } created)
        {
            return await store.GetAsync(id, ct) is { } old
                ? Problems.NotFound($"The API key {id:D} is {old.StateAt(time.GetUtcNow().UtcDateTime)}: only a valid key can be rotated.")
                : NoKey(id);
        }
        return TypedResults.Created($"{Path}/{created.Key.Id:D}", ApiKeyResponse.Of(created.Key, time.GetUtcNow().UtcDateTime, created.Plaintext));
    }

    internal static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> Revoke(Guid id, ApiKeyStore store, TimeProvider time, CancellationToken ct) =>
        await store.RevokeAsync(id, ct) is { } key ? TypedResults.Ok(ApiKeyResponse.Of(key, time.GetUtcNow().UtcDateTime)) : NoKey(id);

    private static ProblemHttpResult NoKey(Guid id) => Problems.NotFound($"No API key {id:D}.");
}
