using Hangfire;
using Microsoft.Extensions.Options;
using SmpAftercare.Web.Features.Reminders;

namespace SmpAftercare.Web.Features.Jobs;

/// <summary>
/// Declares the installation's periodic work at every start. Each job has a fixed id, so AddOrUpdate replaces
/// the schedule a persistent store (PostgreSQL) kept from the last start instead of adding a second one, and a
/// job switched off is removed there too. Hangfire is at-least-once: every job here must be safe to run twice.
/// </summary>
public sealed class RecurringJobs(IRecurringJobManager jobs, IOptions<ReminderOptions> reminders) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        if (reminders.Value.DispatchEnabled)
        {
            jobs.AddOrUpdate<ReminderDispatchJob>(ReminderDispatchJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
                ReminderDispatchJob.Cron(reminders.Value.DispatchIntervalSeconds), utc);
        }
        else
        {
            jobs.RemoveIfExists(ReminderDispatchJob.RecurringJobId);
        }

        // Expired Idempotency-Key answers (docs/decisions/0006-session-invariants.md): hourly, whatever the dispatch setting.
        jobs.AddOrUpdate<IdempotencyKeyCleanupJob>(IdempotencyKeyCleanupJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
            IdempotencyKeyCleanupJob.Cron, utc);

        // Photo folders of clients that no longer exist (an erasure whose file removal failed): hourly.
        jobs.AddOrUpdate<PhotoFolderSweepJob>(PhotoFolderSweepJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
            PhotoFolderSweepJob.Cron, utc);

        // Further periodic work goes here, one fixed id each. A job takes a scope's services by constructor (Hangfire
        // activates it per run) and its own CancellationToken.
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
