using System.Diagnostics;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Jobs;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Jobs;

/// <summary>
/// The hourly job that forgets Idempotency-Key answers past their 24 hours. What has expired is decided by the
/// app's clock (the test's); Hangfire itself runs on real time, so the run through Hangfire is waited for.
/// </summary>
public sealed class IdempotencyKeyCleanupTests : IDisposable
{
    private readonly AppFactory _app = new();

    [Fact]
    public async Task TheHourlyJob_IsScheduled_AndDeletesOnlyKeysOlderThanADay_ByTheAppsClock()
    {
        var clinic = await _app.SeedClinicAsync();
        var start = _app.Clock.GetUtcNow().UtcDateTime;
        await _app.WithDbAsync(db =>
        {
            db.IdempotentRequests.Add(IdempotentRequest.Record(clinic.Id, "booked-monday-morning", new string('a', 64), 201, "{}", null, start));
            db.IdempotentRequests.Add(IdempotentRequest.Record(clinic.Id, "booked-monday-evening", new string('b', 64), 201, "{}", null, start.AddHours(8)));
            return db.SaveChangesAsync();
        });
        var storage = _app.Services.GetRequiredService<JobStorage>();
        using (var connection = storage.GetConnection())
        {
            var recurring = Assert.Single(connection.GetRecurringJobs(), j => j.Id == IdempotencyKeyCleanupJob.RecurringJobId);
            Assert.Equal(IdempotencyKeyCleanupJob.Cron, recurring.Cron);
        }

        // Just under a day after the first key: nothing has expired yet.
        _app.Clock.Set(start.AddHours(24).AddMinutes(-1));
        Assert.Equal("0 expired key(s) deleted.", await RunThroughHangfireAsync(storage));
        Assert.Equal(["booked-monday-evening", "booked-monday-morning"], await KeysAsync());

        // A day after the first: the first goes, the evening one (8 hours younger) stays until its own day is up.
        _app.Clock.Set(start.AddHours(24));
        Assert.Equal("1 expired key(s) deleted.", await RunThroughHangfireAsync(storage));
        Assert.Equal(["booked-monday-evening"], await KeysAsync());

        _app.Clock.Set(start.AddHours(32));
        Assert.Equal("1 expired key(s) deleted.", await RunThroughHangfireAsync(storage));
        Assert.Empty(await KeysAsync());
    }

    private Task<List<string>> KeysAsync() =>
        _app.WithDbAsync(db => db.IdempotentRequests.AsNoTracking().OrderBy(r => r.Key).Select(r => r.Key).ToListAsync());

    /// <summary>Triggers the recurring job now (as the operator's "Trigger now" does) and returns its result once it succeeded.</summary>
    private async Task<string> RunThroughHangfireAsync(JobStorage storage)
    {
        var succeededBefore = storage.GetMonitoringApi().SucceededListCount();
        var jobId = _app.Services.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(IdempotencyKeyCleanupJob.RecurringJobId);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using (var connection = storage.GetConnection())
            {
                var state = connection.GetStateData(jobId);
                if (state?.Name == "Succeeded")
                {
                    Assert.True(storage.GetMonitoringApi().SucceededListCount() > succeededBefore);
                    return storage.GetMonitoringApi().JobDetails(jobId).History.First(h => h.StateName == "Succeeded").Data["Result"].Trim('"');
                }

                Assert.NotEqual("Failed", state?.Name);
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "Gave up waiting for Hangfire to run the clean-up.");
            // Polling Hangfire's real-time worker; what is deleted depends only on the test clock.
            await Task.Delay(50);
        }
    }

    public void Dispose() => _app.Dispose();
}
