using System.Globalization;
using OpenTabletop.ServiceDefaults;

namespace OpenTabletop.Api.Http.Hardening;

/// <summary>
/// REQUEST_TIMEOUT_SECONDS (default 30): a request still running after that is cancelled (its
/// database work with it) and answered 503 with a problem; streamed exports are exempt (they end
/// when their rows do).
/// </summary>
public static class RequestTimeoutSettings
{
    public const string Variable = "REQUEST_TIMEOUT_SECONDS";

    public static TimeSpan From(IConfiguration configuration)
    {
        var raw = configuration[Variable];
        if (string.IsNullOrWhiteSpace(raw)) return TimeSpan.FromSeconds(30);
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new ConfigurationException(Variable, $"must be a whole number of seconds from 1 to 3600, not '{raw}'.");
    }
}
