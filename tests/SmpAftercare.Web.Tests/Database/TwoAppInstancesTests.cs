using System.Diagnostics;
using System.Globalization;
using System.Net;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Web.Features.Jobs;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Tests.Infrastructure;
using SmpAftercare.Web.Tests.Reminders;
using Xunit.Abstractions;

namespace SmpAftercare.Web.Tests.Database;

/// <summary>
/// Two app instances on one PostgreSQL database, as two processes behind a load balancer: each host has its own
/// services, memory, data folder, clock and Hangfire server; they share only the database (and the SMTP server).
/// The recurring dispatch is on in both, every second, so Hangfire fires on real time here; what is due is decided
/// by the hosts' clocks (set alike, as NTP keeps real servers).
/// </summary>
[Collection(OnPostgres.Name)]
public sealed class TwoAppInstancesTests(PostgresServer postgres, SmtpSink smtp, ITestOutputHelper output) : IClassFixture<SmtpSink>
{
    private const int DueReminders = 500;

    private static readonly Dictionary<string, string?> EverySecond = new()
    {
        ["Reminders:DispatchEnabled"] = "true",
        ["Reminders:DispatchIntervalSeconds"] = "1",
    };

    [Fact]
    public async Task ACookieAndAPersonalLinkFromOneInstance_WorkOnTheOther_AndTwoDispatchersAtOnceSendEachReminderOnce()
    {
        using var first = new ReminderApp(smtp, postgres: postgres); // recurring dispatch off: the test dispatches by hand
        var clinic = await first.SeedClinicAsync();
        var client = await first.Client(clinic).Named("Casey Both").WithSession("2026-03-02 09:00").SaveAsync();
        using var second = new ReminderApp(first);

        // A staff cookie issued by the first is accepted by the second (data-protection keys in the database).
        var cookies = new CookieContainer();
        using var staffOnFirst = new StaffBrowser(first.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)));
        await staffOnFirst.SignInAsync(clinic.Owner.Email, AppFactory.Password);
        using var staffOnSecond = new StaffBrowser(second.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)));
        Assert.Equal(HttpStatusCode.OK, (await staffOnSecond.GetAsync($"/clients/{client.Id}")).Status);

        // A personal link made on either (printing the sheet makes one) opens the client's page on both.
        var madeOnFirst = await PrintedLinkAsync(staffOnFirst, client.SessionIds[0]);
        var madeOnSecond = await PrintedLinkAsync(staffOnSecond, client.SessionIds[0]);
        foreach (var link in new[] { madeOnFirst, madeOnSecond })
        {
            foreach (var app in new[] { first, second })
            {
                var page = await app.CreateClient().GetAsync(link);
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Contains("Hi Casey", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        // 500 reminders due at once, both instances dispatching at the same moment with no lock between them (as two
        // processes whose lock expired would be): the conditional claim alone sends each once.
        var tag = await SeedDueRemindersAsync(first, clinic.Id);
        var watch = Stopwatch.StartNew();
        var reports = await Task.WhenAll(Task.Run(first.DispatchAsync), Task.Run(second.DispatchAsync));
        var mails = Mails(tag);
        output.WriteLine($"{DueReminders} due: {mails.Count} received in {watch.Elapsed.TotalSeconds:F1} s, {reports[0].Sent} sent by the first, {reports[1].Sent} by the second");

        Assert.Equal(DueReminders, reports[0].Sent + reports[1].Sent);
        Assert.True(reports[0].Sent > 0 && reports[1].Sent > 0, "Both instances should have sent some: they ran at the same time.");
        Assert.Equal(DueReminders, mails.Count);
        Assert.Equal(DueReminders, mails.Select(m => m.Reminder).Distinct().Count());
        await AllSentAsync(first, clinic.Id);
    }

    [Fact]
    public async Task TheRecurringDispatch_RunsOncePerOccurrence_AcrossBothInstances_AndSendsEachReminderOnce()
    {
        using var first = new ReminderApp(smtp, EverySecond, postgres: postgres);
        var clinic = await first.SeedClinicAsync();
        using var second = new ReminderApp(first);
        _ = second.Services; // started: its own Hangfire server joins the installation's
        var storage = first.Services.GetRequiredService<JobStorage>();
        var names = new[] { first, second }.Select(a => a.Services.GetRequiredService<JobServerIdentity>().Name).ToList();
        await WaitUntilAsync(() => Task.FromResult(names.All(n => storage.GetMonitoringApi().Servers().Any(s => s.Name.StartsWith(n, StringComparison.Ordinal)))),
            TimeSpan.FromSeconds(30), "both job servers to report in");

        // 500 due while both job servers run the dispatch every second; an operator also presses "Trigger now" on both.
        var tag = await SeedDueRemindersAsync(first, clinic.Id);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Task.Run(() => RunJobAsync(first)), Task.Run(() => RunJobAsync(second)));
        await WaitUntilAsync(async () => await first.WithDbAsync(db => db.Reminders.IgnoreQueryFilters().CountAsync(r => r.ClinicId == clinic.Id && r.Status == ReminderStatus.Sent)) == DueReminders,
            TimeSpan.FromMinutes(3), "every reminder to be recorded as sent");
        var mails = Mails(tag);
        output.WriteLine($"{DueReminders} due: {mails.Count} received in {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(DueReminders, mails.Count);
        Assert.Equal(DueReminders, mails.Select(m => m.Reminder).Distinct().Count());
        await AllSentAsync(first, clinic.Id);

        // Each one-second occurrence ran once in the whole installation, on one of the two servers.
        var before = Occurrences(storage).Count;
        await WaitUntilAsync(() => Task.FromResult(Occurrences(storage).Count >= before + 8), TimeSpan.FromMinutes(1), "eight more dispatch occurrences");
        var occurrences = Occurrences(storage);
        output.WriteLine($"{occurrences.Count} occurrences, run by {string.Join(", ", occurrences.GroupBy(o => o.Server).Select(g => $"{g.Key}: {g.Count()}"))}");
        var twice = occurrences.GroupBy(o => o.Time).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"Occurrences run more than once: {string.Join(", ", twice)}");
        Assert.All(occurrences, o => Assert.Contains(names, n => o.Server.StartsWith(n, StringComparison.Ordinal)));
    }

    private static async Task<string> RunJobAsync(ReminderApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderDispatchJob>().RunAsync(CancellationToken.None);
    }

    private List<ReceivedMail> Mails(string tag) =>
        [.. smtp.Messages().Where(m => m.To.Any(t => t.EndsWith($"-{tag}@example.com", StringComparison.Ordinal)))];

    private static async Task AllSentAsync(ReminderApp app, Guid clinicId) =>
        Assert.All(await app.WithDbAsync(db => db.Reminders.IgnoreQueryFilters().AsNoTracking().Where(r => r.ClinicId == clinicId).ToListAsync()),
            r => Assert.Equal(ReminderStatus.Sent, r.Status));

    private static async Task<string> PrintedLinkAsync(StaffBrowser staff, Guid sessionId)
    {
        var sheet = await staff.GetAsync($"/sessions/{sessionId}/print");
        Assert.Equal(HttpStatusCode.OK, sheet.Status);
        return new Uri(sheet.Document.QuerySelector(".sheet-url")!.TextContent.Trim()).AbsolutePath;
    }

    /// <summary>Reminders planned a minute before the (shared) clock's now, one client each, written straight to the outbox.</summary>
    private static async Task<string> SeedDueRemindersAsync(ReminderApp app, Guid clinicId)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var now = app.Clock.GetUtcNow();
        await app.WithDbAsync(async db =>
        {
            var clinic = await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == clinicId);
            var today = clinic.TimeZone.DateOf(now);
            for (var i = 0; i < DueReminders; i++)
            {
                var client = Client.Create(clinicId, new ClientDetails($"Client {i:D3}", $"due{i:D3}-{tag}@example.com", null, ContactChannel.Email,
                    true, false, null, null, false, null), "GB", now.UtcDateTime);
                db.Clients.Add(client);
                var planned = new PlannedReminder(ReminderKind.Milestone, today, today, now.AddMinutes(-1), [SmpAftercare.Domain.Aftercare.Activity.Wetting], [], []);
                db.Reminders.Add(Reminder.Plan(clinicId, client.Id, ContactChannel.Email, planned,
                    new ComposedMessage($"Reminder {i:D3}", $"Northside SMP: from today you can rinse your scalp. ({i:D3})"), OptOutTokens.New(), now.UtcDateTime));
            }

            return await db.SaveChangesAsync();
        });
        return tag;
    }

    /// <summary>Every run of the recurring dispatch Hangfire recorded: the occurrence it was for and the server that ran it.</summary>
    private static List<(long Time, string Server)> Occurrences(JobStorage storage)
    {
        var monitoring = storage.GetMonitoringApi();
        using var connection = storage.GetConnection();
        var runs = new List<(long, string)>();
        foreach (var job in monitoring.SucceededJobs(0, int.MaxValue).Select(j => j.Key).Concat(monitoring.FailedJobs(0, int.MaxValue).Select(j => j.Key)))
        {
            if (connection.GetJobParameter(job, "RecurringJobId")?.Trim('"') != ReminderDispatchJob.RecurringJobId)
            {
                continue;
            }

            var time = long.Parse(connection.GetJobParameter(job, "Time").Trim('"'), CultureInfo.InvariantCulture);
            var processing = monitoring.JobDetails(job).History.FirstOrDefault(h => h.StateName == "Processing");
            runs.Add((time, processing?.Data.TryGetValue("ServerId", out var server) == true ? server : "?"));
        }

        return runs;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan limit, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(waited.Elapsed < limit, $"Gave up waiting for {what} after {waited.Elapsed.TotalSeconds:F0} s.");
            // Polling for Hangfire's real-time schedule; no decision here depends on the wait's length.
            await Task.Delay(200);
        }
    }
}
