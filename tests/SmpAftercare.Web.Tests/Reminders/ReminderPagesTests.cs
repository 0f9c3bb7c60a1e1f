using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Web.Features.Reminders;
using static SmpAftercare.Web.Tests.Reminders.ReminderScenario;

namespace SmpAftercare.Web.Tests.Reminders;

/// <summary>The staff pages (/reminders, /reminders/settings), the client component and /healthz. No SMTP: the outbox folder.</summary>
public sealed class ReminderPagesTests : IDisposable
{
    private readonly ReminderApp _app = new(smtp: null);

    [Fact]
    public async Task RemindersPage_Reception_SeesUpcomingRemindersWithClientNames()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync();
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        using var browser = await _app.SignedInAs(scenario.Clinic.Reception);

        var page = await browser.GetAsync("/reminders");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = page.Document.QuerySelectorAll("tr.reminder-row");
        Assert.Equal(5, rows.Length);
        Assert.All(rows, r => Assert.Contains("Sam Client", r.TextContent, StringComparison.Ordinal));
        Assert.Contains("Milestone Fri 6 Mar", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("upcoming", rows[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemindersPage_FiltersByStatusAndChannel()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync(phone: "+447700900123", smsConsent: true);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        _app.Clock.Set(Local("2026-03-06 09:00"));
        Assert.Equal(2, (await _app.DispatchAsync()).Sent);
        using var browser = await _app.SignedInAs(scenario.Clinic.Technician);

        var sent = await browser.GetAsync("/reminders?status=sent");
        var sentSms = await browser.GetAsync("/reminders?status=sent&channel=sms");
        var upcomingEmail = await browser.GetAsync("/reminders?status=upcoming&channel=email&q=sam");

        Assert.Equal(2, sent.Document.QuerySelectorAll("tr.reminder-row").Length);
        Assert.All(sent.Document.QuerySelectorAll("tr.reminder-row"), r => Assert.Equal("Sent", r.GetAttribute("data-status")));
        Assert.Equal("SMS", Assert.Single(sentSms.Document.QuerySelectorAll("tr.reminder-row")).QuerySelectorAll("td")[1].TextContent);
        Assert.Equal(4, upcomingEmail.Document.QuerySelectorAll("tr.reminder-row").Length);
        Assert.Equal(0, (await browser.GetAsync("/reminders?status=upcoming&q=nobody")).Document.QuerySelectorAll("tr.reminder-row").Length);
    }

    [Fact]
    public async Task RemindersPage_NamesClientsWhoCannotGetReminders()
    {
        var scenario = await StartAsync(_app);
        var silent = await scenario.ClientAsync(email: null, emailConsent: false, name: "Quiet Person");
        var unwilling = await scenario.ClientAsync(email: "no@example.com", emailConsent: false, name: "No Consent");
        await scenario.LogSessionAsync(silent.Id, "2026-03-02 10:00");
        await scenario.LogSessionAsync(unwilling.Id, "2026-03-02 11:00");
        using var browser = await _app.SignedInAs(scenario.Clinic.Reception);

        var page = await browser.GetAsync("/reminders");

        var alert = page.Document.QuerySelector(".alert-warning")!.TextContent;
        Assert.Contains("No reminders possible for 2 clients", alert, StringComparison.Ordinal);
        Assert.Contains("Quiet Person (no email or phone)", alert, StringComparison.Ordinal);
        Assert.Contains("No Consent (no consent)", alert, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemindersPage_ShowsOnlyTheClinicsOwnReminders()
    {
        var north = await StartAsync(_app);
        var south = new ReminderScenario(_app, await _app.SeedClinicAsync(name: "Southside SMP"));
        await north.LogSessionAsync((await north.ClientAsync(name: "North Client")).Id, "2026-03-02 10:00");
        await south.LogSessionAsync((await south.ClientAsync(name: "South Client")).Id, "2026-03-02 10:00");
        using var browser = await _app.SignedInAs(north.Clinic.Reception);

        var page = await browser.GetAsync("/reminders?status=all");

        Assert.Equal(5, page.Document.QuerySelectorAll("tr.reminder-row").Length);
        Assert.DoesNotContain("South Client", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_OnlyTheOwner()
    {
        var scenario = await StartAsync(_app);
        using var technician = await _app.SignedInAs(scenario.Clinic.Technician);
        using var owner = await _app.SignedInAs(scenario.Clinic.Owner);

        var denied = await technician.GetAsync("/reminders/settings");
        var allowed = await owner.GetAsync("/reminders/settings");

        Assert.Equal(HttpStatusCode.Redirect, denied.Status);
        Assert.Contains("/account/denied", denied.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        Assert.Equal("09:00:00", allowed.FieldValue("Input.SendFrom"));
        Assert.Contains("Stop email reminders: https://example.com/stop/…", allowed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_InvalidInput_SaysWhatIsWrongKeepsTheInputAndSavesNothing()
    {
        var scenario = await StartAsync(_app);
        using var owner = await _app.SignedInAs(scenario.Clinic.Owner);

        var page = await owner.SubmitAsync("/reminders/settings", "reminder-settings", new Dictionary<string, string?>
        {
            ["Input.SendFrom"] = "20:00",
            ["Input.SendUntil"] = "09:00",
            ["Input.MilestoneSms"] = "{ClinicName}: {Changes} {TimelineLink}",
            ["Input.NextSessionEmailSubject"] = "Hi {Nickname}",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("The sending window must end after it starts (for example 09:00 to 20:00).", page.ValidationMessages);
        Assert.Contains("Add {OptOutLink}: every message lets the client stop reminders in one click.", page.ValidationMessages);
        Assert.Contains(page.ValidationMessages, m => m.StartsWith("{Nickname} is not a placeholder.", StringComparison.Ordinal));
        Assert.Equal("{ClinicName}: {Changes} {TimelineLink}", page.FieldValue("Input.MilestoneSms"));
        Assert.Equal("20:00:00", page.FieldValue("Input.SendFrom"));
        Assert.False(await _app.WithDbAsync(db => db.ReminderSettings.IgnoreQueryFilters().AnyAsync()));
        Assert.Equal(new TimeOnly(9, 0), (await _app.WithDbAsync(db => db.Clinics.IgnoreQueryFilters().SingleAsync())).ReminderWindowStart);
    }

    [Fact]
    public async Task Settings_Save_SwitchesOffAMilestoneAndMovesTheWindow_RewritingPendingReminders()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync();
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        using var owner = await _app.SignedInAs(scenario.Clinic.Owner);
        var form = await owner.GetAsync("/reminders/settings");
        Assert.Equal("wetting", form.FieldValue("Input.Milestones[0].Code"));

        var saved = await owner.SubmitAsync(form, "reminder-settings", new Dictionary<string, string?>
        {
            ["Input.SendFrom"] = "10:30",
            ["Input.Milestones[0].Enabled"] = null,
            ["Input.MilestoneEmailSubject"] = "{FirstName}, news from {ClinicName}",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal("/reminders/settings?saved=true", saved.Location);
        var reminders = await _app.RemindersAsync(client.Id);
        Assert.Equal([Date("2026-03-07"), Date("2026-03-09"), Date("2026-03-12"), Date("2026-03-16")], reminders.Select(r => r.AnnouncedDate));
        Assert.All(reminders, r => Assert.Equal(new TimeOnly(10, 30), TimeOnly.FromDateTime(r.DueAtUtc)));
        Assert.All(reminders, r => Assert.Equal("Sam, news from Northside SMP", r.Subject));
        var settings = await _app.WithDbAsync(db => db.ReminderSettings.IgnoreQueryFilters().SingleAsync());
        Assert.Equal("soap,shaving,exercise,swimming,sauna,sun", settings.EnabledMilestoneCodes);
        Assert.True(await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.Action == ReminderAuditActions.SettingsChanged)));
        var again = await owner.GetAsync("/reminders/settings?saved=true");
        Assert.Contains("Saved.", again.Text, StringComparison.Ordinal);
        Assert.Null(again.Document.QuerySelector("#milestone-wetting[checked]"));
        Assert.NotNull(again.Document.QuerySelector("#milestone-soap[checked]"));
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

        Assert.Equal(5, CountOf("list-group-item", html));
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

    private static int CountOf(string cssClass, string html) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).GetElementsByClassName(cssClass).Length;

    public void Dispose() => _app.Dispose();
}
