using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Reminders;

/// <summary>The database answers a query and takes a write (not just opens a file).</summary>
public sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        int pending;
        try
        {
            pending = await db.Reminders.IgnoreQueryFilters().CountAsync(r => r.Status == ReminderStatus.Pending, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }

        try
        {
            await WriteProbeAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Read-only file, full disk: reads still work, but every form and every reminder would fail.
            return HealthCheckResult.Unhealthy("The database answers but refuses writes.", e);
        }

        var database = db.Database.IsNpgsql() ? "PostgreSQL" : "SQLite";
        return HealthCheckResult.Healthy($"{database} answers and takes writes; {pending} reminder(s) pending.");
    }

    /// <summary>
    /// The cheapest committed write there is: the header's user_version (unused by the app and EF Core) set to
    /// itself. It rewrites one page, so a read-only file or a full disk fails it as it fails real writes.
    /// </summary>
    private async Task WriteProbeAsync(CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            // A read-only server or transaction refuses any UPDATE, even one that touches no row.
            await db.Database.ExecuteSqlRawAsync("""UPDATE "__EFMigrationsHistory" SET "ProductVersion" = "ProductVersion" WHERE 1 = 0""", cancellationToken);
            return;
        }

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var read = connection.CreateCommand();
            read.CommandText = "PRAGMA user_version;";
            var version = Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            await using var write = connection.CreateCommand();
            write.CommandText = $"PRAGMA user_version = {version.ToString(System.Globalization.CultureInfo.InvariantCulture)};";
            await write.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
