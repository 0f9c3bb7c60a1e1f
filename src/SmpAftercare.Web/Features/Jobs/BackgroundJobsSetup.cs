using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Jobs;

/// <summary>
/// Hangfire runs the app's periodic work (docs/decisions/0004-hangfire-jobs.md). Its storage holds only
/// schedules and job bookkeeping; everything that must survive a crash is in the app's database (the reminder
/// outbox), so on SQLite the jobs live in memory and on PostgreSQL in the same database, schema "hangfire".
/// </summary>
public static class BackgroundJobsSetup
{
    public const string DashboardPath = "/operator/jobs";
    public const string PostgresSchema = "hangfire";

    public static void AddBackgroundJobs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var provider = HostingSetup.Provider(builder.Configuration);
        var connectionString = HostingSetup.ConnectionString(builder.Configuration, builder.Environment);
        var reminders = builder.Configuration.GetSection(ReminderOptions.Section).Get<ReminderOptions>() ?? new ReminderOptions();
        // A cron with seconds fires only as often as Hangfire looks at the schedule (and, on PostgreSQL, at the queue).
        var poll = TimeSpan.FromSeconds(Math.Clamp(reminders.DispatchIntervalSeconds, 1, 15));

        // The app's own storage and activator, not Hangfire's process-wide JobStorage.Current/JobActivator.Current:
        // two hosts in one process (the tests) would otherwise run each other's jobs.
        services.AddSingleton<JobStorage>(_ => provider == DatabaseProvider.Postgres ? PostgresStorage(connectionString, poll) : new InMemoryStorage());
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<JobServerIdentity>();
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer((sp, o) =>
        {
            o.ServerName = sp.GetRequiredService<JobServerIdentity>().Name;
            // The dispatcher sends one message at a time; the second worker keeps other periodic work moving meanwhile.
            o.WorkerCount = 2;
            o.SchedulePollingInterval = poll;
            o.HeartbeatInterval = JobServerHealthCheck.HeartbeatInterval;
        });
        services.AddScoped<IdempotencyKeyCleanupJob>();
        services.AddScoped<PhotoFolderSweepJob>();
        services.AddHostedService<RecurringJobs>();
        services.AddHealthChecks().AddCheck<JobServerHealthCheck>("scheduler");
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Operator, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Operator));
    }

    /// <summary>
    /// The dashboard shows every clinic's jobs: the installation's operators only. Others are sent to sign in
    /// (anonymous) or to the not-allowed page (signed in without the role), like every other staff page.
    /// </summary>
    public static void MapOperatorDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Operator, DashboardPath, new DashboardOptions
        {
            AppPath = "/",
            DashboardTitle = "SmpAftercare background jobs",
            DisplayStorageConnectionString = false,
        });
    }

    private static PostgreSqlStorage PostgresStorage(string connectionString, TimeSpan poll)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = PostgresSchema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = poll,
            // A dispatch run that takes long is not handed to a second worker while the first still works on it.
            UseSlidingInvisibilityTimeout = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}

/// <summary>This host's name among the installation's job servers (one per process; tests run several hosts per process).</summary>
public sealed class JobServerIdentity
{
    public string Name { get; } = $"smp-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}
