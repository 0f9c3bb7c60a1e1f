using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Reminders;

/// <summary>The database answers a query (not just opens a file).</summary>
public sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await db.Reminders.IgnoreQueryFilters().CountAsync(r => r.Status == ReminderStatus.Pending, cancellationToken);
            var database = db.Database.IsNpgsql() ? "PostgreSQL" : "SQLite";
            return HealthCheckResult.Healthy($"{database} answers; {pending} reminder(s) pending.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}
