using Microsoft.Extensions.Configuration;

namespace OpenTabletop.ServiceDefaults;

/// <summary>
/// What a service does after SIGTERM. <see cref="DelayVariable"/> (default 0): how long it keeps
/// serving with /readyz at 503 before it stops accepting connections, so that a load balancer that
/// polls readiness (or a Kubernetes endpoint update still on its way) moves traffic elsewhere first.
/// <see cref="TimeoutVariable"/> (default 25): how long in-flight work (requests, a streaming export, a
/// materializer step) then has to finish, the delay included; Kubernetes' terminationGracePeriodSeconds
/// must be longer, or the pod is killed mid-drain.
/// </summary>
public sealed record DrainSettings(TimeSpan Delay, TimeSpan Timeout)
{
    public const string DelayVariable = "DRAIN_DELAY_SECONDS";
    public const string TimeoutVariable = "DRAIN_TIMEOUT_SECONDS";
    public const int DefaultTimeoutSeconds = 25;

    public static DrainSettings From(IConfiguration configuration)
    {
        var timeout = WholeNumberSetting.Read(configuration, TimeoutVariable, DefaultTimeoutSeconds, 1, 3600, "seconds");
        var delay = WholeNumberSetting.Read(configuration, DelayVariable, 0, 0, 300, "seconds");
        if (delay >= timeout)
        {
            throw new ConfigurationException(DelayVariable, $"must be shorter than {TimeoutVariable} ({timeout} s), or nothing in flight could finish.");
        }
        return new DrainSettings(TimeSpan.FromSeconds(delay), TimeSpan.FromSeconds(timeout));
    }
}
