using System.Globalization;
using OpenTabletop.ServiceDefaults;

namespace OpenTabletop.Api.Maintenance;

/// <summary>
/// MAINTENANCE_MODE (off or read-only, default off): read-only forces maintenance on this process
/// whatever the admin switch says. MAINTENANCE_RETRY_AFTER_SECONDS (default 300) is the Retry-After
/// of refused writes when the mode comes from the environment.
/// </summary>
public sealed record MaintenanceSettings(bool ForcedReadOnly, int RetryAfterSeconds)
{
    public const string ModeVariable = "MAINTENANCE_MODE";
    public const string RetryVariable = "MAINTENANCE_RETRY_AFTER_SECONDS";
    public const int DefaultRetryAfterSeconds = 300;
    public const int MaxRetryAfterSeconds = 86_400;

    public static MaintenanceSettings From(IConfiguration configuration)
    {
        var mode = configuration[ModeVariable]?.Trim();
        var forced = mode switch
        {
            null or "" or MaintenanceStatus.Off => false,
            MaintenanceStatus.ReadOnly => true,
            _ => throw new ConfigurationException(ModeVariable, $"must be '{MaintenanceStatus.Off}' or '{MaintenanceStatus.ReadOnly}', not '{mode}'."),
        };
        var raw = configuration[RetryVariable];
        var retry = DefaultRetryAfterSeconds;
        if (!string.IsNullOrWhiteSpace(raw) &&
            (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out retry) || retry is < 1 or > MaxRetryAfterSeconds))
        {
            throw new ConfigurationException(RetryVariable, $"must be a whole number of seconds from 1 to {MaxRetryAfterSeconds}, not '{raw}'.");
        }
        return new MaintenanceSettings(forced, retry);
    }
}
