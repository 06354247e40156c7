namespace OpenTabletop.ServiceDefaults;

/// <summary>Health check tags: <c>live</c> checks run on /healthz, <c>ready</c> checks on /readyz.</summary>
public static class HealthTags
{
    public const string Live = "live";
    public const string Ready = "ready";
}
