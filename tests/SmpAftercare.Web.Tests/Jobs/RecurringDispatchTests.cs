using System.Diagnostics;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Tests.Reminders;
using static SmpAftercare.Web.Tests.Reminders.ReminderScenario;

namespace SmpAftercare.Web.Tests.Jobs;

/// <summary>
/// The dispatch as Hangfire runs it. Hangfire fires on real time, so these tests wait (bounded) for what a client
/// would notice, a message arriving; what is due is still decided by the test clock.
/// </summary>
public sealed class RecurringDispatchTests(SmtpSink smtp) : IClassFixture<SmtpSink>
{
    private static string Address() => $"hangfire-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task RecurringJob_IsRegistered_AndSendsTheDueReminderOnce_ThroughHangfire()
    {
        using var app = new ReminderApp(smtp, new Dictionary<string, string?>
        {
            ["Reminders:DispatchEnabled"] = "true",
            ["Reminders:DispatchIntervalSeconds"] = "1",
        });
        var scenario = await StartAsync(app);
        var email = Address();
        var client = await scenario.ClientAsync(email);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        var storage = app.Services.GetRequiredService<JobStorage>();
        using (var connection = storage.GetConnection())
        {
            var recurring = Assert.Single(connection.GetRecurringJobs(), j => j.Id == ReminderDispatchJob.RecurringJobId);
            Assert.Equal("*/1 * * * * *", recurring.Cron);
        }

        // Nothing is due on the test clock yet; the first milestone is due at 09:00 on 6 March.
        app.Clock.Set(Local("2026-03-06 09:00"));
        await WaitUntilAsync(() => smtp.To(email).Count > 0, "the reminder to arrive");
        var runsWhenSent = SucceededRuns(storage);
        await WaitUntilAsync(() => SucceededRuns(storage) >= runsWhenSent + 2, "two more dispatch runs");

        var mail = Assert.Single(smtp.To(email));
        Assert.Equal("Northside SMP: your aftercare changes today", mail.Subject);
        Assert.Contains((await app.RemindersAsync(client.Id)), r => r.Status == ReminderStatus.Sent && r.Recipient == email);
        var results = storage.GetMonitoringApi().SucceededJobs(0, 1000).Select(j => j.Value.Result?.ToString() ?? string.Empty).ToList();
        Assert.Contains(results, r => r.Contains("1 sent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoDispatchesAtOnce_AndTheJob_SendEachReminderExactlyOnce()
    {
        using var app = new ReminderApp(smtp);
        var scenario = await StartAsync(app);
        var emails = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var email = Address();
            emails.Add(email);
            var client = await scenario.ClientAsync(email, name: $"Client {i}");
            await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        }

        app.Clock.Set(Local("2026-03-06 09:00"));
        async Task<int> Dispatcher()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().RunOnceAsync()).Sent;
        }

        async Task<string> Job()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReminderDispatchJob>().RunAsync(CancellationToken.None);
        }

        // Two dispatchers with no lock between them (as two processes whose lock expired would be), and the job.
        var sent = await Task.WhenAll(Task.Run(Dispatcher), Task.Run(Dispatcher));
        var job = await Task.Run(Job);

        Assert.All(emails, e => Assert.Single(smtp.To(e)));
        Assert.Equal(emails.Count, sent.Sum());
        Assert.StartsWith("0 sent", job, StringComparison.Ordinal);
        // Switched off (the web tests' setting): no recurring dispatch is scheduled at all.
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.DoesNotContain(connection.GetRecurringJobs(), j => j.Id == ReminderDispatchJob.RecurringJobId);
    }

    private static long SucceededRuns(JobStorage storage) => storage.GetMonitoringApi().SucceededListCount();

    private static async Task WaitUntilAsync(Func<bool> done, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"Gave up waiting for {what} after {waited.Elapsed.TotalSeconds:F0} s.");
            // Polling for Hangfire's real-time schedule; no decision here depends on the wait's length.
            await Task.Delay(50);
        }
    }
}
