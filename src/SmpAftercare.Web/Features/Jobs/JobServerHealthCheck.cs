using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SmpAftercare.Web.Features.Jobs;

/// <summary>This process's Hangfire server is alive: it announced itself and its heartbeat is recent.</summary>
public sealed class JobServerHealthCheck(JobStorage storage, JobServerIdentity identity) : IHealthCheck
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    /// <summary>Four missed heartbeats.</summary>
    private static readonly TimeSpan Silence = HeartbeatInterval * 4;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Hangfire stamps heartbeats with the system clock, whatever clock the app reads.
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            var alive = storage.GetMonitoringApi().Servers().Where(s => s.Heartbeat is { } beat && now - beat < Silence).ToList();
            return Task.FromResult(alive.Any(s => s.Name.StartsWith(identity.Name, StringComparison.OrdinalIgnoreCase))
                ? HealthCheckResult.Healthy($"Background jobs run; {alive.Count} job server(s) alive.")
                : HealthCheckResult.Unhealthy("This process's background job server is not running."));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The background job storage does not answer.", e));
        }
    }
}
