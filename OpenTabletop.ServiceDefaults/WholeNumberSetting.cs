using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace OpenTabletop.ServiceDefaults;

/// <summary>A whole-number setting from configuration: its default when unset, a <see cref="ConfigurationException"/> naming it when not a number in range.</summary>
public static class WholeNumberSetting
{
    public static int Read(IConfiguration configuration, string variable, int fallback, int min, int max, string unit = "")
    {
        var raw = configuration[variable];
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        var what = unit.Length > 0 ? $"a whole number of {unit}" : "a whole number";
        return int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ConfigurationException(variable, $"must be {what} from {min} to {max}, not '{raw}'.");
    }
}
