namespace OpenTabletop.ServiceDefaults;

/// <summary>A missing or invalid setting found at boot; the message names the variable.</summary>
public sealed class ConfigurationException(string variable, string problem)
    : Exception($"Configuration error: {variable} {problem}")
{
    public string Variable { get; } = variable;
}
