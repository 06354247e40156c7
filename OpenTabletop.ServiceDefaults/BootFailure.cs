using Microsoft.Extensions.Options;

namespace OpenTabletop.ServiceDefaults;

/// <summary>
/// Turns a configuration problem found at boot into one line on stderr naming the variable and
/// exit code 1, instead of an unhandled-exception stack trace.
/// </summary>
public static class BootFailure
{
    public static bool IsConfiguration(Exception e) => e switch
    {
        ConfigurationException or OptionsValidationException => true,
        InvalidOperationException when e.Message.StartsWith("Configuration error", StringComparison.Ordinal) => true,
        // The configuration binder's own conversion failures ("Failed to convert configuration value ... at 'Seed:Mode'").
        InvalidOperationException when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => true,
        _ => false,
    };

    public static int Exit(Exception e)
    {
        var message = e.Message.StartsWith("Configuration error", StringComparison.Ordinal) ? e.Message : $"Configuration error: {e.Message}";
        Console.Error.WriteLine(message.ReplaceLineEndings(" "));
        return 1;
    }
}
