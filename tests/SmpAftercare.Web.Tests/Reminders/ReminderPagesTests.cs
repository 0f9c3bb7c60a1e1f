using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Infrastructure.Staff;
using static SmpAftercare.Web.Tests.Reminders.ReminderScenario;

namespace SmpAftercare.Web.Tests.Reminders;

/// <summary>The staff pages (/reminders, /reminders/settings), the client component and /healthz. No SMTP: the outbox folder.</summary>
public sealed class ReminderPagesTests : IDisposable
{
    private readonly ReminderApp _app = new(smtp: null);

    // The interactive pages themselves (tabs, filters, send again, settings form): Components/ListPagesTests and
    // Components/SettingsPagesTests. Here: what the list and the settings save do with a real outbox.
    private async Task<T> AsStaffAsync<T>(Guid clinicId, Func<AppDbContext, Task<T>> work)
    {
        await using var scope = _app.StaffScope(clinicId);
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static StaffMember Owner(ReminderScenario scenario) =>
        new(scenario.Clinic.Owner.Id, scenario.Clinic.Owner.FullName, scenario.Clinic.Id, StaffRoles.Owner);

    [Fact]
    public async Task List_Upcoming_HasTheClientsRemindersInDueOrder()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync();
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");

        var (rows, total, page) = await AsStaffAsync(scenario.Clinic.Id, db => ReminderList.PageAsync(db, new ReminderFilter(), 0));

        Assert.Equal((5, 0), (total, page));
        Assert.All(rows, r => Assert.Equal("Sam Client", r.ClientName));
        Assert.Equal((Date("2026-03-06"), "Milestone", "upcoming"), (rows[0].AnnouncedDate, rows[0].KindName, ReminderStatusText.Label(rows[0].Status, rows[0].Attempts)));
    }

    [Fact]
    public async Task List_FiltersByStatusChannelAndName_AndCountsEachTab()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync(phone: "+447700900123", smsConsent: true);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        _app.Clock.Set(Local("2026-03-06 09:00"));
        Assert.Equal(2, (await _app.DispatchAsync()).Sent);

        var sent = await AsStaffAsync(scenario.Clinic.Id, db => ReminderList.PageAsync(db, new ReminderFilter("sent"), 0));
        var sentSms = await AsStaffAsync(scenario.Clinic.Id, db => ReminderList.PageAsync(db, new ReminderFilter("sent", "sms"), 0));
        var upcomingEmail = await AsStaffAsync(scenario.Clinic.Id, db => ReminderList.PageAsync(db, new ReminderFilter("upcoming", "email", Text: "sam"), 0));
        var nobody = await AsStaffAsync(scenario.Clinic.Id, db => ReminderList.PageAsync(db, new ReminderFilter("upcoming", Text: "nobody"), 0));
        var counts = await AsStaffAsync(scenario.Clinic.Id, db => ReminderList.CountsAsync(db, new ReminderFilter()));

        Assert.Equal(2, sent.Rows.Count);
        Assert.All(sent.Rows, r => Assert.Equal(ReminderStatus.Sent, r.Status));
        Assert.Equal("Text message", Assert.Single(sentSms.Rows).ChannelName);
        Assert.Equal(4, upcomingEmail.Rows.Count);
        Assert.Empty(nobody.Rows);
        Assert.Equal((8, 2, 10), (counts["upcoming"], counts["sent"], counts["all"]));
    }

    [Fact]
    public async Task List_NamesClientsWhoCannotGetReminders()
    {
        var scenario = await StartAsync(_app);
        var silent = await scenario.ClientAsync(email: null, emailConsent: false, name: "Quiet Person");
        var unwilling = await scenario.ClientAsync(email: "no@example.com", emailConsent: false, name: "No Consent");
        await scenario.LogSessionAsync(silent.Id, "2026-03-02 10:00");
        await scenario.LogSessionAsync(unwilling.Id, "2026-03-02 11:00");

        var unreachable = await AsStaffAsync(scenario.Clinic.Id, db => ReminderList.UnreachableAsync(db));

        Assert.Equal([("No Consent", "no consent"), ("Quiet Person", "no email or phone")], unreachable.Select(u => (u.FullName, u.Reason)));
    }

    [Fact]
    public async Task List_ShowsOnlyTheClinicsOwnReminders()
    {
        var north = await StartAsync(_app);
        var south = new ReminderScenario(_app, await _app.SeedClinicAsync(name: "Southside SMP"));
        await north.LogSessionAsync((await north.ClientAsync(name: "North Client")).Id, "2026-03-02 10:00");
        await south.LogSessionAsync((await south.ClientAsync(name: "South Client")).Id, "2026-03-02 10:00");

        var (rows, total, _) = await AsStaffAsync(north.Clinic.Id, db => ReminderList.PageAsync(db, new ReminderFilter("all"), 0));

        Assert.Equal(5, total);
        Assert.All(rows, r => Assert.Equal("North Client", r.ClientName));
    }

    [Fact]
    public async Task Settings_OnlyTheOwner_AndThePagePrerendersTheExample()
    {
        var scenario = await StartAsync(_app);
        using var technician = await _app.SignedInAs(scenario.Clinic.Technician);
        using var owner = await _app.SignedInAs(scenario.Clinic.Owner);

        var denied = await technician.GetAsync("/reminders/settings");
        var allowed = await owner.GetAsync("/reminders/settings");

        Assert.Equal(HttpStatusCode.Redirect, denied.Status);
        Assert.Contains("/account/denied", denied.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        Assert.Contains("Stop email reminders: https://example.com/stop/…", allowed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_InvalidInput_SaysWhatIsWrongAndSavesNothing()
    {
        var scenario = await StartAsync(_app);
        var form = await AsStaffAsync(scenario.Clinic.Id, async db => ReminderSettingsForm.From(await db.Clinics.SingleAsync(), await ReminderOutbox.SettingsAsync(db, scenario.Clinic.Id)));
        form.SendFrom = new TimeOnly(20, 0);
        form.SendUntil = new TimeOnly(9, 0);
        form.MilestoneSms = "{ClinicName}: {Changes} {TimelineLink}";
        form.NextSessionEmailSubject = "Hi {Nickname}";

        var messages = new ReminderSettingsFormValidator().Validate(form).Errors.Select(e => e.ErrorMessage).ToList();
        var outcome = await AsStaffAsync(scenario.Clinic.Id, db => ReminderSettingsSave.SaveAsync(db, _app.Services.GetRequiredService<ReminderOutbox>(), Owner(scenario), form, _app.Clock.GetUtcNow()));

        Assert.Contains("The sending window must end after it starts (for example 09:00 to 20:00).", messages);
        Assert.Contains("Add {OptOutLink}: every message lets the client stop reminders in one click.", messages);
        Assert.Contains(messages, m => m.StartsWith("{Nickname} is not a placeholder.", StringComparison.Ordinal));
        Assert.Equal(messages[0], outcome.Refusal);
        Assert.False(await _app.WithDbAsync(db => db.ReminderSettings.IgnoreQueryFilters().AnyAsync()));
        Assert.Equal(new TimeOnly(9, 0), (await _app.WithDbAsync(db => db.Clinics.IgnoreQueryFilters().SingleAsync())).ReminderWindowStart);
    }

    [Fact]
    public async Task Settings_Save_SwitchesOffAMilestoneAndMovesTheWindow_RewritingPendingReminders()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync();
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        var form = await AsStaffAsync(scenario.Clinic.Id, async db => ReminderSettingsForm.From(await db.Clinics.SingleAsync(), await ReminderOutbox.SettingsAsync(db, scenario.Clinic.Id)));
        Assert.Equal("wetting", form.Milestones[0].Code);
        form.SendFrom = new TimeOnly(10, 30);
        form.Milestones[0].Enabled = false;
        form.MilestoneEmailSubject = "{FirstName}, news from {ClinicName}";

        var outcome = await AsStaffAsync(scenario.Clinic.Id, db => ReminderSettingsSave.SaveAsync(db, _app.Services.GetRequiredService<ReminderOutbox>(), Owner(scenario), form, _app.Clock.GetUtcNow()));

        Assert.Equal(new Web.Features.Settings.SaveOutcome(null, true), outcome);
        var reminders = await _app.RemindersAsync(client.Id);
        Assert.Equal([Date("2026-03-07"), Date("2026-03-09"), Date("2026-03-12"), Date("2026-03-16")], reminders.Select(r => r.AnnouncedDate));
        Assert.All(reminders, r => Assert.Equal(new TimeOnly(10, 30), TimeOnly.FromDateTime(r.DueAtUtc)));
        Assert.All(reminders, r => Assert.Equal("Sam, news from Northside SMP", r.Subject));
        var settings = await _app.WithDbAsync(db => db.ReminderSettings.IgnoreQueryFilters().SingleAsync());
        Assert.Equal("soap,shaving,exercise,swimming,sauna,sun", settings.EnabledMilestoneCodes);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().SingleAsync(a => a.Action == ReminderAuditActions.SettingsChanged));
        Assert.StartsWith("Reminder hours: 09:00 to 20:00 → 10:30 to 20:00; Restrictions announced: getting your scalp wet, ", audit.Details, StringComparison.Ordinal);
        Assert.Contains("Milestone email subject: ", audit.Details, StringComparison.Ordinal);
        Assert.EndsWith("Upcoming reminders: 0 added, 4 rewritten, 1 removed.", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientReminders_ListsUpcomingAndHistory_AndSaysWhenNoneArePossible()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync();
        var unreachable = await scenario.ClientAsync(email: null, emailConsent: false, name: "No Address");
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        _app.Clock.Set(Local("2026-03-06 09:00"));
        await _app.DispatchAsync();

        var html = await RenderAsync(scenario.Clinic.Id, client.Id);
        var none = await RenderAsync(scenario.Clinic.Id, unreachable.Id);

        Assert.Equal(5, RowsOf(html));
        Assert.Contains("sent", html, StringComparison.Ordinal);
        Assert.Contains("upcoming", html, StringComparison.Ordinal);
        Assert.DoesNotContain("No reminders possible", html, StringComparison.Ordinal);
        Assert.Contains("No reminders possible: no email or phone on file.", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_ReportsTheDatabaseAndTheScheduler()
    {
        var scenario = await StartAsync(_app);
        using var owner = await _app.SignedInAs(scenario.Clinic.Owner); // anonymous callers get the status only (Security/HealthTests)

        // The job server announces itself on its own thread once the host has started: a bounded wait for that.
        var response = await owner.Client.GetAsync("/healthz");
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); response.StatusCode != HttpStatusCode.OK && waited.Elapsed < TimeSpan.FromSeconds(20);)
        {
            await Task.Delay(100);
            response = await owner.Client.GetAsync("/healthz");
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("scheduler").GetProperty("status").GetString());
    }

    [Fact]
    public async Task NoSmtpOrGatewayConfigured_MessagesLandInTheOutboxFolder()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync(phone: "+447700900123", smsConsent: true);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        _app.Clock.Set(Local("2026-03-06 09:00"));

        Assert.Equal(2, (await _app.DispatchAsync()).Sent);

        var eml = File.ReadAllText(Assert.Single(Directory.GetFiles(_app.OutboxPath, "*.eml")));
        Assert.Contains("To: sam@example.com", eml, StringComparison.Ordinal);
        Assert.Contains("X-SmpAftercare-Reminder:", eml, StringComparison.Ordinal);
        var sms = File.ReadAllText(Assert.Single(Directory.GetFiles(_app.OutboxPath, "sms-*.txt")));
        Assert.StartsWith("To: +447700900123", sms, StringComparison.Ordinal);
        Assert.Contains("Northside SMP: from today you can rinse your scalp with warm water again.", sms, StringComparison.Ordinal);
        Assert.All(await _app.RemindersAsync(client.Id), r => Assert.Equal(r.AnnouncedDate == Date("2026-03-06") ? ReminderStatus.Sent : ReminderStatus.Pending, r.Status));
    }

    private async Task<string> RenderAsync(Guid clinicId, Guid clientId)
    {
        await using var scope = _app.StaffScope(clinicId);
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<ClientReminders>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["ClientId"] = clientId }))).ToHtmlString());
    }

    private static int RowsOf(string html) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelectorAll("[data-testid=client-reminder]").Length;

    public void Dispose() => _app.Dispose();
}
