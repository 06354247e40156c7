using System.Globalization;
using OpenTabletop.ServiceDefaults;

namespace OpenTabletop.Api.Http.RateLimits;

/// <summary>
/// Requests per minute: RATE_LIMIT_ANONYMOUS (default 60) per client address, RATE_LIMIT_AUTHENTICATED
/// (default 600) per API key (SPEC-DECISIONS "Auth &amp; limits").
/// </summary>
public sealed record RateLimitSettings(int Anonymous, int Authenticated)
{
    public const string AnonymousVariable = "RATE_LIMIT_ANONYMOUS";
    public const string AuthenticatedVariable = "RATE_LIMIT_AUTHENTICATED";

    public static RateLimitSettings From(IConfiguration configuration) =>
        new(PerMinute(configuration, AnonymousVariable, 60), PerMinute(configuration, AuthenticatedVariable, 600));

    private static int PerMinute(IConfiguration configuration, string variable, int fallback)
    {
        var raw = configuration[variable];
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= 100_000_000
            ? limit
            : throw new ConfigurationException(variable, $"must be a whole number of requests per minute from 1 to 100000000, not '{raw}'.");
    }
}
