using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Tests.Infrastructure;
using Xunit.Abstractions;
using static SmpAftercare.Web.Tests.Reminders.ReminderScenario;

namespace SmpAftercare.Web.Tests.Reminders;

/// <summary>The dispatcher against a real SMTP server, driven by the test clock (no sleeping).</summary>
public abstract class DispatchTests : IClassFixture<SmtpSink>, IDisposable
{
    private readonly SmtpSink _smtp;
    private readonly ITestOutputHelper _output;
    private readonly ReminderApp _app;

    protected DispatchTests(SmtpSink smtp, ITestOutputHelper output, PostgresServer? postgres)
    {
        _smtp = smtp;
        _output = output;
        _app = new ReminderApp(smtp, new Dictionary<string, string?> { ["Reminders:MaxAttempts"] = "3", ["Reminders:RetryDelaySeconds"] = "60" }, postgres: postgres);
    }

    private static string Address(string localPrefix = "client") => $"{localPrefix}-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task Milestones_GoOutAtNineLocal_OnBothSidesOfTheClockChange()
    {
        // New York moves its clocks on Sunday 8 March 2026: 09:00 is 14:00 UTC before and 13:00 UTC after.
        var scenario = await StartAsync(_app, "America/New_York", "en-US");
        var email = Address();
        var client = await scenario.ClientAsync(email);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");

        _app.Clock.Set(new DateTimeOffset(2026, 3, 6, 13, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, (await _app.DispatchAsync()).Sent);
        _app.Clock.Set(new DateTimeOffset(2026, 3, 6, 14, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, (await _app.DispatchAsync()).Sent);
        _app.Clock.Set(new DateTimeOffset(2026, 3, 12, 12, 59, 0, TimeSpan.Zero));
        var beforeNine = await _app.DispatchAsync();
        _app.Clock.Set(new DateTimeOffset(2026, 3, 12, 13, 0, 0, TimeSpan.Zero));
        var atNine = await _app.DispatchAsync();

        // The 7 and 9 March reminders were never dispatched on their day: skipped, with the reason.
        Assert.Equal((0, 2), (beforeNine.Sent, beforeNine.Skipped));
        Assert.Equal(1, atNine.Sent);
        var mails = _smtp.To(email);
        Assert.Equal(2, mails.Count);
        Assert.Contains("from today, Friday, March 6:", mails[0].Body, StringComparison.Ordinal);
        Assert.Contains("You can wash your scalp with soap and shampoo again.", mails[1].Body, StringComparison.Ordinal);
        var reminders = await _app.RemindersAsync(client.Id);
        Assert.Equal(new DateTime(2026, 3, 12, 13, 0, 0, DateTimeKind.Utc), reminders.Single(r => r.AnnouncedDate == Date("2026-03-12")).SentAtUtc);
        Assert.Equal(2, reminders.Count(r => r.Status == ReminderStatus.Skipped && r.LastError!.Contains("had passed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SentEmail_NamesTheClinicLinksTheTimelineAndOffersOneClickOptOut()
    {
        var scenario = await StartAsync(_app);
        var email = Address();
        var client = await scenario.ClientAsync(email);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        _app.Clock.Set(Local("2026-03-06 09:00"));

        await _app.DispatchAsync();

        var mail = Assert.Single(_smtp.To(email));
        var reminder = (await _app.RemindersAsync(client.Id))[0];
        Assert.Equal("Northside SMP <reminders@smp.test>", mail.From);
        Assert.Equal("Northside SMP: your aftercare changes today", mail.Subject);
        // The message carries a personal link made as it was sent, and it opens the client's timeline.
        var link = System.Text.RegularExpressions.Regex.Match(mail.Body, $"{System.Text.RegularExpressions.Regex.Escape(ReminderApp.BaseUrl)}(/c/[A-Za-z0-9_-]+)");
        Assert.True(link.Success, mail.Body);
        using var phone = _app.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await phone.GetAsync(link.Groups[1].Value)).StatusCode);
        Assert.DoesNotContain(Domain.Reminders.ReminderMessage.PersonalLinkSlot, mail.Body, StringComparison.Ordinal);
        Assert.Contains($"Stop email reminders: {ReminderApp.BaseUrl}/stop/{reminder.OptOutToken}", mail.Body, StringComparison.Ordinal);
        // RFC 8058 one-click: the opt-out link itself (https), which also takes a POST without cookies.
        Assert.Equal($"<{ReminderApp.BaseUrl}/stop/{reminder.OptOutToken}>", mail.ListUnsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", mail.ListUnsubscribePost);
        Assert.Equal($"<{reminder.Id:N}@smpaftercare>", mail.MessageId);
        Assert.Equal((ReminderStatus.Sent, email, 1), (reminder.Status, reminder.Recipient, reminder.Attempts));
    }

    [Fact]
    public async Task SentEmail_HasAnHtmlPartWithTheSameFacts_AndThePersonalLinkAsAButton()
    {
        var scenario = await StartAsync(_app);
        var email = Address();
        var client = await scenario.ClientAsync(email);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        _app.Clock.Set(Local("2026-03-07 09:00"));

        await _app.DispatchAsync();

        var mail = Assert.Single(_smtp.To(email));
        var html = MailFacts.AssertHtmlCarriesTheText(mail);
        Assert.Equal("Northside SMP", html.QuerySelector("p")!.TextContent);
        Assert.Contains("Still avoid:", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Saturday 7 March", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("not until Thursday 12 March", html.Body!.TextContent, StringComparison.Ordinal);
        var button = Assert.Single(html.QuerySelectorAll("a"), a => a.TextContent == ReminderEmail.ButtonLabel);
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(ReminderApp.BaseUrl)}/c/[A-Za-z0-9_-]+$", button.GetAttribute("href"));
        Assert.Contains(button.GetAttribute("href")!, mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClinicNameWithALineBreak_CannotAddHeaders_AndTheEmailStillGoesOut()
    {
        // The forms refuse such a name now (SingleLineText); a clinic saved by an earlier release can still hold one.
        var clinic = await _app.SeedClinicAsync(name: "North & South <SMP>");
        await _app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "Clinics" SET "Name" = {"North & South <SMP>\r\nBcc: x@y"} WHERE "Id" = {clinic.Id}"""));
        var scenario = new ReminderScenario(_app, clinic);
        var email = Address();
        var client = await scenario.ClientAsync(email);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        _app.Clock.Set(Local("2026-03-06 09:00"));

        Assert.Equal(1, (await _app.DispatchAsync()).Sent);

        var mail = Assert.Single(_smtp.To(email));
        Assert.Equal([email], mail.To);
        Assert.DoesNotContain(_smtp.Messages(), m => m.To.Contains("x@y", StringComparer.OrdinalIgnoreCase));
        Assert.DoesNotContain(mail.Headers, h => h.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("\"North & South <SMP> Bcc: x@y\" <reminders@smp.test>", mail.From);
        Assert.Equal("North & South <SMP> Bcc: x@y: your aftercare changes today", mail.Subject);
        // In the HTML the name is text, not markup.
        var html = MailFacts.AssertHtmlCarriesTheText(mail);
        Assert.Equal("North & South <SMP> Bcc: x@y", html.QuerySelector("p")!.TextContent);
        Assert.Empty(html.QuerySelectorAll("smp"));
    }

    [Fact]
    public async Task QuietHours_ADueReminderWaitsUntilTheWindowOpens()
    {
        var scenario = await StartAsync(_app);
        var email = Address();
        var client = await scenario.ClientAsync(email);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        // Planned for 09:00; the clinic then moves its window to start at 10:00 without replanning.
        await _app.WithDbAsync(async db =>
        {
            (await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == scenario.Clinic.Id)).ChangeReminderWindow(new TimeOnly(10, 0), new TimeOnly(20, 0));
            return await db.SaveChangesAsync();
        });

        _app.Clock.Set(Local("2026-03-06 09:30"));
        var early = await _app.DispatchAsync();
        _app.Clock.Set(Local("2026-03-06 09:59"));
        var stillEarly = await _app.DispatchAsync();
        _app.Clock.Set(Local("2026-03-06 10:00"));
        var open = await _app.DispatchAsync();

        Assert.Equal((0, 1), (early.Sent, early.Waiting));
        Assert.Equal(0, stillEarly.Handled);
        Assert.Equal(1, open.Sent);
        Assert.Single(_smtp.To(email));
    }

    [Fact]
    public async Task AfterTheWindowClosed_OnTheDayItAnnounces_SkippedBecauseTomorrowIsTooLate()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync(Address());
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        _app.Clock.Set(Local("2026-03-06 20:30"));

        var report = await _app.DispatchAsync();

        Assert.Equal((0, 1), (report.Sent, report.Skipped));
        var skipped = (await _app.RemindersAsync(client.Id))[0];
        Assert.Equal(ReminderStatus.Skipped, skipped.Status);
        Assert.Contains("sending window (09:00-20:00) did not open again", skipped.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterDowntime_TodaysReminderGoesOut_EarlierDaysAreSkippedWithTheReason()
    {
        var scenario = await StartAsync(_app);
        var email = Address();
        var client = await scenario.ClientAsync(email);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        _app.Clock.Set(Local("2026-03-07 11:15"));

        var report = await _app.DispatchAsync();

        Assert.Equal((1, 1), (report.Sent, report.Skipped));
        var reminders = await _app.RemindersAsync(client.Id);
        Assert.Equal(ReminderStatus.Skipped, reminders[0].Status);
        Assert.Contains("2026-03-06 had passed", reminders[0].LastError, StringComparison.Ordinal);
        Assert.Equal(ReminderStatus.Sent, reminders[1].Status);
        Assert.Contains("You can shave again.", Assert.Single(_smtp.To(email)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smtp451_IsRetriedWithBackoff_ThenDeliveredOnce()
    {
        var scenario = await StartAsync(_app);
        var email = Address("flaky2");
        var client = await scenario.ClientAsync(email);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        _app.Clock.Set(Local("2026-03-06 09:00"));

        var first = await _app.DispatchAsync();
        var reminder = (await _app.RemindersAsync(client.Id))[0];
        Assert.Equal((1, ReminderStatus.Pending, 1), (first.Retrying, reminder.Status, reminder.Attempts));
        Assert.Equal(new DateTime(2026, 3, 6, 9, 1, 0, DateTimeKind.Utc), reminder.NextAttemptAtUtc);
        Assert.Contains("451", reminder.LastError, StringComparison.Ordinal);
        Assert.Equal(0, (await _app.DispatchAsync()).Handled);

        _app.Clock.Set(Local("2026-03-06 09:01"));
        Assert.Equal(1, (await _app.DispatchAsync()).Retrying);
        Assert.Equal(new DateTime(2026, 3, 6, 9, 3, 0, DateTimeKind.Utc), (await _app.RemindersAsync(client.Id))[0].NextAttemptAtUtc);
        _app.Clock.Set(Local("2026-03-06 09:03"));
        Assert.Equal(1, (await _app.DispatchAsync()).Sent);

        Assert.Single(_smtp.To(email));
        reminder = (await _app.RemindersAsync(client.Id))[0];
        Assert.Equal((ReminderStatus.Sent, 3), (reminder.Status, reminder.Attempts));
    }

    [Fact]
    public async Task Smtp451_EveryTime_FailsAfterTheLastAttempt()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync(Address("busy"));
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");

        foreach (var at in new[] { "2026-03-06 09:00", "2026-03-06 09:01", "2026-03-06 09:03" })
        {
            _app.Clock.Set(Local(at));
            await _app.DispatchAsync();
        }

        var reminder = (await _app.RemindersAsync(client.Id))[0];
        Assert.Equal((ReminderStatus.Failed, 3), (reminder.Status, reminder.Attempts));
        Assert.StartsWith("Gave up after 3 attempts. Last: SMTP 451", reminder.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smtp550_FailsAtOnce_SendAgainAfterFixingTheAddressDelivers()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync(Address("bounce"));
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        _app.Clock.Set(Local("2026-03-06 09:00"));

        var report = await _app.DispatchAsync();

        var failed = (await _app.RemindersAsync(client.Id))[0];
        Assert.Equal((1, ReminderStatus.Failed, 1), (report.Failed, failed.Status, failed.Attempts));
        Assert.Contains("SMTP 550", failed.LastError, StringComparison.Ordinal);

        var fixedAddress = Address();
        await scenario.UpdateClientAsync(client.Id, d => d with { Email = fixedAddress });
        _app.Clock.Set(Local("2026-03-06 10:00"));
        // What the reminders page's "Send again" button calls (the button itself: Components/ListPagesTests).
        var reception = new SmpAftercare.Web.Infrastructure.Staff.StaffMember(scenario.Clinic.Reception.Id, scenario.Clinic.Reception.FullName, scenario.Clinic.Id, SmpAftercare.Data.StaffRoles.Reception);
        Assert.Null(await _app.WithDbAsync(db => ReminderList.SendAgainAsync(db, reception, failed.Id, _app.Clock.GetUtcNow().UtcDateTime)));
        Assert.Equal(ReminderStatus.Pending, (await _app.RemindersAsync(client.Id))[0].Status);

        Assert.Equal(1, (await _app.DispatchAsync()).Sent);
        Assert.Single(_smtp.To(fixedAddress));
        Assert.True(await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.Action == ReminderAuditActions.SentAgain && a.ClientId == client.Id)));
    }

    [Fact]
    public async Task ConsentWithdrawnWithoutReplanning_IsCheckedAgainAtSendTime()
    {
        var scenario = await StartAsync(_app);
        var email = Address();
        var client = await scenario.ClientAsync(email);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        await _app.WithDbAsync(async db =>
        {
            (await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == client.Id)).OptOut(ContactChannel.Email);
            return await db.SaveChangesAsync();
        });
        _app.Clock.Set(Local("2026-03-06 09:00"));

        var report = await _app.DispatchAsync();

        Assert.Equal((0, 1), (report.Sent, report.Skipped));
        Assert.Contains("not agreed to email", (await _app.RemindersAsync(client.Id))[0].LastError, StringComparison.Ordinal);
        Assert.Empty(_smtp.To(email));
    }

    [Fact]
    public async Task OptOutLink_SwitchesOffThatChannelOnly_WithoutSignIn()
    {
        var scenario = await StartAsync(_app);
        var email = Address();
        var client = await scenario.ClientAsync(email, phone: "+447700900123", smsConsent: true);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        _app.Clock.Set(Local("2026-03-06 09:00"));
        await _app.DispatchAsync();
        var link = Assert.Single(_smtp.To(email)).Body.Split('\n').Single(l => l.StartsWith("Stop email reminders: ", StringComparison.Ordinal))["Stop email reminders: ".Length..].Trim();

        using var anonymous = _app.Browser();
        // Opening the link shows a button; pressing it (a POST) switches off (Security/OptOutTests.cs).
        var opened = await anonymous.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.SeeOther, (await anonymous.SubmitAsync(opened, "opt-out")).Status);
        var page = await anonymous.GetAsync(new Uri(link).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Email reminders switched off", page.Text, StringComparison.Ordinal);
        Assert.Contains("from Northside SMP", page.Text, StringComparison.Ordinal);
        var stored = await _app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == client.Id));
        Assert.Equal((false, true), (stored.EmailConsent, stored.SmsConsent));
        var reminders = await _app.RemindersAsync(client.Id);
        Assert.Equal(1, reminders.Count(r => r.Channel == ContactChannel.Email));
        Assert.Equal(ReminderStatus.Sent, reminders.Single(r => r.Channel == ContactChannel.Email).Status);
        Assert.Equal(4, reminders.Count(r => r.Channel == ContactChannel.Sms && r.Status == ReminderStatus.Pending));
        Assert.True(await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.Action == ReminderAuditActions.OptedOut && a.ClientId == client.Id)));

        // Mail clients' one-click button (RFC 8058) posts without cookies or antiforgery token.
        var sms = reminders.First(r => r.Channel == ContactChannel.Sms && r.Status == ReminderStatus.Pending);
        var oneClick = await anonymous.Client.PostAsync($"/stop/{sms.OptOutToken}/one-click", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.False((await _app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == client.Id))).SmsConsent);
        Assert.DoesNotContain(await _app.RemindersAsync(client.Id), r => r.Status == ReminderStatus.Pending);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/stop/not-a-real-token-at-all")).Status);
    }

    [Fact]
    public async Task InterruptedSend_IsPutBackAtStartUp_AndSentAgain()
    {
        var scenario = await StartAsync(_app);
        var email = Address();
        var client = await scenario.ClientAsync(email);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        var reminder = (await _app.RemindersAsync(client.Id))[0];
        // What a SIGKILL between the claim and the outcome leaves behind.
        await _app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "Reminders" SET "Status" = 'Sending', "Attempts" = 1 WHERE "Id" = {reminder.Id}"""));
        _app.Clock.Set(Local("2026-03-06 09:05"));
        Assert.Equal(0, (await _app.DispatchAsync()).Sent);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().RecoverInterruptedAsync());
        }

        Assert.Equal(1, (await _app.DispatchAsync()).Sent);
        var sent = (await _app.RemindersAsync(client.Id))[0];
        Assert.Equal((ReminderStatus.Sent, 2), (sent.Status, sent.Attempts));
        Assert.Contains("interrupted", sent.LastError, StringComparison.Ordinal);
        Assert.Single(_smtp.To(email));
    }

    [Fact]
    public async Task FiftyDueReminders_AllDeliveredOnceInOneRun_MeasuresTheRate()
    {
        var scenario = await StartAsync(_app);
        var tag = Guid.NewGuid().ToString("N")[..8];
        await _app.WithDbAsync(async db =>
        {
            // One unit of work for all of them: fifty clients, a session each, their reminders.
            using var outboxScope = _app.Services.CreateScope();
            var outbox = outboxScope.ServiceProvider.GetRequiredService<ReminderOutbox>();
            var clinic = await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == scenario.Clinic.Id);
            var now = _app.Clock.GetUtcNow();
            for (var i = 0; i < 50; i++)
            {
                var client = Client.Create(clinic.Id, new ClientDetails($"Rate {i}", $"rate{i:D2}-{tag}@example.com", null, ContactChannel.Email, true, false,
                    null, null, false, null), "GB", now.UtcDateTime);
                db.Clients.Add(client);
                db.Sessions.Add(TreatmentSession.Log(client, scenario.Clinic.ProtocolVersionId,
                    new SessionDetails(Local("2026-03-02 10:00"), null, "Tess", false, null, null, null, null), [], now.UtcDateTime));
                await outbox.RecomputeAsync(db, clinic, client.Id, now);
            }

            return await db.SaveChangesAsync();
        });
        _app.Clock.Set(Local("2026-03-06 09:00"));

        var watch = Stopwatch.StartNew();
        var report = await _app.DispatchAsync();
        watch.Stop();

        Assert.Equal(50, report.Sent);
        var received = _smtp.Messages().Where(m => m.To.Any(t => t.EndsWith($"-{tag}@example.com", StringComparison.Ordinal))).ToList();
        Assert.Equal(50, received.Count);
        Assert.Equal(50, received.Select(m => m.Reminder).Distinct().Count());
        // One connection for the whole run.
        Assert.Single(received.Select(m => m.Peer).Distinct());
        var rate = 50 / watch.Elapsed.TotalSeconds;
        _output.WriteLine($"Dispatched 50 reminders to the local SMTP server in {watch.Elapsed.TotalMilliseconds:F0} ms: {rate:F1} reminders/s.");
        Metrics.Write("in-process dispatch", $"50 reminders in {watch.Elapsed.TotalMilliseconds:F0} ms = {rate:F1}/s");
        Assert.True(rate > 2, $"Only {rate:F1} reminders/s.");
    }

    public void Dispose() => _app.Dispose();
}
