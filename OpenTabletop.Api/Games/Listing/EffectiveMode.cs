using Microsoft.AspNetCore.Http.HttpResults;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Games.Listing;

/// <summary>
/// The effective-mode switches (effective, effective_weight, include_integrations). Effective
/// filtering needs the precomputed variants table, which is not built yet: a request for it is
/// answered 501 rather than silently filtering on base values.
/// </summary>
internal static class EffectiveMode
{
    public static void Validate(GameListParameters query, List<FieldError> errors)
    {
        Flag("effective", query.Effective, errors);
        Flag("effective_weight", query.EffectiveWeight, errors);
        Flag("include_integrations", query.IncludeIntegrations, errors);
    }

    public static ProblemHttpResult? Requested(GameListParameters query) =>
        IsTrue(query.Effective) || IsTrue(query.EffectiveWeight) || IsTrue(query.IncludeIntegrations)
            ? NotYet()
            : null;

    public static ProblemHttpResult NotYet() => Problems.Create(StatusCodes.Status501NotImplemented,
        "Effective mode (effective, effective_weight, include_integrations) is not available on this server yet; " +
        "filter on base values, or resolve one game with /v1/games/{id}/effective-properties.");

    private static bool IsTrue(string? text) => text is "true";

    private static void Flag(string field, string? text, List<FieldError> errors)
    {
        if (text is null or "true" or "false") return;
        errors.Add(new(field, $"{field} must be true or false.", "invalid_type"));
    }
}
