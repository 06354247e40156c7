using System.Globalization;
using OpenTabletop.ServiceDefaults;

namespace OpenTabletop.Api.Http;

/// <summary>
/// MAX_REQUEST_BODY_BYTES: the largest request body the API reads (default 1 MiB). The largest body the spec
/// has, a search filter, is a few kilobytes; anything near a megabyte is a mistake or an attack, answered 413.
/// </summary>
public static class RequestBodyLimit
{
    public const string Variable = "MAX_REQUEST_BODY_BYTES";
    public const long DefaultBytes = 1024 * 1024;

    /// <summary>Kestrel's own default; a larger limit would only move the problem.</summary>
    public const long MaxBytes = 30_000_000;

    public static long From(IConfiguration configuration)
    {
        var raw = configuration[Variable];
        if (string.IsNullOrWhiteSpace(raw)) return DefaultBytes;
        if (!long.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) || bytes is < 1 or > MaxBytes)
            throw new ConfigurationException(Variable, $"must be a whole number of bytes from 1 to {MaxBytes}, not '{raw}'.");
        return bytes;
    }
}
