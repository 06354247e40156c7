using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace OpenTabletop.ServiceDefaults;

/// <summary>
/// Flips to draining the moment the host starts stopping (SIGTERM), so /readyz answers 503 and a load
/// balancer stops routing here while in-flight requests finish.
/// </summary>
public sealed class DrainState
{
    private volatile bool _draining;

    public DrainState(IHostApplicationLifetime lifetime) =>
        lifetime.ApplicationStopping.Register(() => _draining = true);

    public bool IsDraining => _draining;
}

internal sealed class DrainHealthCheck(DrainState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsDraining
            ? HealthCheckResult.Unhealthy("The service is shutting down.")
            : HealthCheckResult.Healthy());
}
