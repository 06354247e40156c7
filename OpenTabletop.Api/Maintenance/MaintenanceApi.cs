using Microsoft.AspNetCore.Http.HttpResults;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.ApiKeys;
using OpenTabletop.Api.Http.OpenApi;

namespace OpenTabletop.Api.Maintenance;

/// <summary>The body of PUT /v1/admin/maintenance.</summary>
public sealed record MaintenanceBody(string? Mode, string? Reason, int? RetryAfterSeconds);

/// <summary>GET and PUT /v1/admin/maintenance (admin scope): the mode in force, and the switch.</summary>
public static class MaintenanceApi
{
    public const int MaxReason = 500;

    public static RouteGroupBuilder MapMaintenanceApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/maintenance", Get).WithName("getMaintenanceMode")
            .WithSummary("The maintenance mode in force (off or read-only) and where it comes from")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        admin.MapPut("/maintenance", Put).WithName("setMaintenanceMode")
            .WithSummary("Switch read-only maintenance on or off for every replica (writes answer 503 with Retry-After meanwhile)")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);
        return admin;
    }

    public static IServiceCollection AddMaintenance(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(MaintenanceSettings.From(configuration)).AddSingleton<MaintenanceState>();

    internal static async Task<Ok<MaintenanceStatus>> Get(MaintenanceState state, CancellationToken ct) =>
        TypedResults.Ok(await state.CurrentAsync(ct));

    internal static async Task<Results<Ok<MaintenanceStatus>, ProblemHttpResult>> Put(
        MaintenanceBody body, HttpContext http, MaintenanceState state, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (body.Mode is not (MaintenanceStatus.Off or MaintenanceStatus.ReadOnly))
        {
            errors.Add(new("mode", $"mode is required and must be '{MaintenanceStatus.Off}' or '{MaintenanceStatus.ReadOnly}'.",
                body.Mode is null ? "required" : "invalid_enum"));
        }
        if (body.Reason is { Length: > MaxReason }) errors.Add(new("reason", $"reason must be at most {MaxReason} characters.", "too_long"));
        if (body.RetryAfterSeconds is < 1 or > MaintenanceSettings.MaxRetryAfterSeconds)
        {
            errors.Add(new("retry_after_seconds", $"retry_after_seconds must be from 1 to {MaintenanceSettings.MaxRetryAfterSeconds}.", "out_of_range"));
        }
        if (errors.Count > 0) return Problems.Create(StatusCodes.Status400BadRequest, "The maintenance switch has invalid values.", errors);

        if (body.Mode == MaintenanceStatus.Off && state.ForcedByEnvironment)
        {
            return Problems.Create(StatusCodes.Status409Conflict,
                $"{MaintenanceSettings.ModeVariable}={MaintenanceStatus.ReadOnly} is set in this replica's environment; " +
                "unset it and restart to leave maintenance.");
        }
        var client = http.GetApiClient();
        var reason = string.IsNullOrWhiteSpace(body.Reason) ? null : body.Reason.Trim();
        return TypedResults.Ok(await state.SetAsync(body.Mode!, reason, body.RetryAfterSeconds ?? MaintenanceSettings.DefaultRetryAfterSeconds,
            $"{client.Owner} (key {client.KeyId:D})", ct));
    }
}
