using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Clients;
using SmpAftercare.Web.Features.Settings;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Infrastructure.Staff;
using SmpAftercare.Web.Tests.Api;
using SmpAftercare.Web.Tests.ClientLink;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

/// <summary>A technician adjusts a rule for one client. The clock stands at Mon 2 Mar 2026 10:00 in London.</summary>
public sealed class AdjustmentTests : IDisposable
{
    private readonly ClientLinkAppFactory _app = new();

    private static AdjustmentForm Adjust(string activity, int toDay, string note, string reason = "Heavy bleeding today", int? fromDay = null) => new()
    {
        ActivityCode = activity,
        Anchor = Domain.Aftercare.RuleAnchor.EverySession,
        FromDay = fromDay,
        ToDay = toDay,
        ClientNote = note,
        Reason = reason,
    };

    /// <summary>
    /// Saves as the client page's form does: through RuleAdjustmentBook, as <paramref name="who"/>, in a context that
    /// sees only their clinic. The MudBlazor form itself is driven in Components/ClientPageTests.
    /// </summary>
    private async Task<IReadOnlyList<string>> AdjustAsync(TestClinic clinic, TestStaff who, SeededClient client, AdjustmentForm form)
    {
        form.FromSessionId ??= client.SessionIds[^1];
        await using var scope = _app.Services.CreateAsyncScope();
        await using var db = new AppDbContext(scope.ServiceProvider.GetRequiredService<DbContextOptions<AppDbContext>>(), new OneClinic(clinic.Id));
        return await scope.ServiceProvider.GetRequiredService<RuleAdjustmentBook>()
            .SaveAsync(db, new StaffMember(who.Id, who.FullName, clinic.Id, who.Role), client.Id, form);
    }

    private sealed class OneClinic(Guid id) : ICurrentClinic
    {
        public Guid? ClinicId => id;
    }

    private static string Flat(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task LongerSauna_ShowsOnEverySurfaceIsAuditedAndReplansReminders()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithContact("alex@example.com", null).WithSession("2026-03-02 09:00").SaveAsync();
        var token = await _app.LinkAsync(clinic, client.Id);
        using var staff = await _app.SignedInAs(clinic.Technician);

        Assert.Empty(await AdjustAsync(clinic, clinic.Technician, client, Adjust("sauna", 16, "no sauna or steam room for 17 days.")));

        var page = await staff.GetAsync($"/clients/{client.Id}");
        Assert.Contains("Client reads: \"Adjusted for you by your technician: no sauna or steam room for 17 days.\"", Flat(page.Text));
        Assert.Contains("Heavy bleeding today", page.Text);

        var phone = new HtmlParser().ParseDocument(await _app.Anonymous().GetStringAsync($"/c/{token}"));
        var when = ClientLinkPageTests.WhenAnswers(phone);
        Assert.Equal("From Thu 19 Mar in 17 days", when["Use a sauna or steam room"]);
        Assert.Contains("Adjusted for you by your technician: no sauna or steam room for 17 days.", Flat(phone.Body!.TextContent));

        var ics = await _app.Anonymous().GetStringAsync($"/c/{token}/calendar.ics");
        Assert.Contains("DTSTART;VALUE=DATE:20260319", ics, StringComparison.Ordinal);

        var sheet = await staff.GetAsync($"/sessions/{client.SessionIds[0]}/print");
        Assert.Contains("Adjusted for you by your technician: no sauna or steam room for 17 days.", sheet.Text);

        using var api = ApiCaller.For(_app, await _app.ApiKeyAsync(clinic));
        var timeline = await api.GetAsync($"/api/v1/clients/{client.Id}/timeline");
        Assert.Equal("2026-03-19", timeline.Json.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("activity").GetString() == "sauna").GetProperty("allowedFrom").GetString());

        var reminders = await _app.WithDbAsync(db => db.Reminders.IgnoreQueryFilters().Where(r => r.ClientId == client.Id).Select(r => r.AnnouncedDate).ToListAsync());
        Assert.Contains(new DateOnly(2026, 3, 19), reminders);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.Action == AuditActions.RuleAdjusted).ToListAsync());
        Assert.Contains("Heavy bleeding today", Assert.Single(audit).Details, StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.RuleAdjustments.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task GentleCleanser_PrintedOnTheSheetFromDayFour()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        using var staff = await _app.SignedInAs(clinic.Technician);

        Assert.Empty(await AdjustAsync(clinic, clinic.Technician, client, Adjust("cleanser", 9, "a gentle cleanser is fine from day 4.", "Very dry scalp", fromDay: 4)));

        var sheet = await staff.GetAsync($"/sessions/{client.SessionIds[0]}/print");
        Assert.Contains("Adjusted for you by your technician: a gentle cleanser is fine from day 4. (Fri 6 Mar to Wed 11 Mar)", Flat(sheet.Text));
    }

    [Theory]
    [InlineData("soap", 6, "The clinic allows lifting a restriction at most 2 days early: the last day to avoid can be day 7 at the earliest.")]
    [InlineData("exercise", 20, "The protocol has no rule for heavy exercise after every session to adjust.")]
    public async Task OutsideTheClinicsLimits_ClearMessageAndNothingSaved(string activity, int toDay, string message)
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();

        var problems = await AdjustAsync(clinic, clinic.Technician, client, Adjust(activity, toDay, "a note."));

        Assert.Equal([message], problems);
        Assert.Equal(0, await _app.WithDbAsync(db => db.RuleAdjustments.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task MissingReason_FormMessage()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();

        var problems = await AdjustAsync(clinic, clinic.Technician, client, Adjust("sauna", 16, "a note.", reason: ""));

        Assert.Equal(["Give the reason for the change."], problems);
        Assert.Equal(0, await _app.WithDbAsync(db => db.RuleAdjustments.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Reception_SeesNoFormAndCannotAdjust()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        using var reception = await _app.SignedInAs(clinic.Reception);

        var page = await reception.GetAsync($"/clients/{client.Id}");
        var refused = await AdjustAsync(clinic, clinic.Reception, client, Adjust("sauna", 16, "a note."));

        Assert.Empty(page.Document.QuerySelectorAll("[data-testid=adjust-open]"));
        Assert.Equal(["Only owners and technicians adjust a client's rules."], refused);
        Assert.Equal(0, await _app.WithDbAsync(db => db.RuleAdjustments.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task OtherClinic_WithThisClinicsClientAndSession_IsRefusedAndNothingSaved()
    {
        var clinic = await _app.SeedClinicAsync();
        var other = await _app.SeedClinicAsync("Southside SMP");
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();

        var refused = await AdjustAsync(other, other.Technician, client, Adjust("sauna", 16, "a note."));

        Assert.Equal(["That session is not one of this client's."], refused);
        Assert.Equal(0, await _app.WithDbAsync(db => db.RuleAdjustments.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.ClientId == client.Id)));
    }

    /// <summary>The owner changes the limits as the settings page saves them (the page itself: Components/SettingsPagesTests).</summary>
    private async Task ChangeLimitsAsync(TestClinic clinic, int shorter, int longer)
    {
        var outcome = await _app.WithDbAsync(async db =>
        {
            var form = ClinicSettingsForm.From(await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == clinic.Id));
            (form.AdjustDaysShorter, form.AdjustDaysLonger) = (shorter, longer);
            return await ClinicSettingsSave.SaveAsync(db, new StaffMember(clinic.Owner.Id, clinic.Owner.FullName, clinic.Id, clinic.Owner.Role), form, _app.Clock.GetUtcNow().UtcDateTime);
        });
        Assert.Equal(new SaveOutcome(null, true), outcome);
    }

    [Fact]
    public async Task OwnerWidensEarlyAndNarrowsLonger_TechnicianIsHeldToTheClinicsLimitsNotTheDefaults()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();

        await ChangeLimitsAsync(clinic, shorter: 5, longer: 3);

        // Soap is avoided to day 9: day 4 is 5 days early (the default allowed 2), day 13 is 4 days longer (the default allowed 30).
        Assert.Equal(["The clinic allows keeping a restriction at most 3 days longer: the last day to avoid can be day 12 at the latest."],
            await AdjustAsync(clinic, clinic.Technician, client, Adjust("soap", 13, "no soap until day 14.")));
        Assert.Equal(["The clinic allows lifting a restriction at most 5 days early: the last day to avoid can be day 4 at the earliest."],
            await AdjustAsync(clinic, clinic.Technician, client, Adjust("soap", 3, "soap is fine from day 4.")));
        Assert.Equal(0, await _app.WithDbAsync(db => db.RuleAdjustments.IgnoreQueryFilters().CountAsync()));

        Assert.Empty(await AdjustAsync(clinic, clinic.Technician, client, Adjust("soap", 4, "soap is fine from day 5.", "Very oily scalp")));

        var saved = await _app.WithDbAsync(db => db.RuleAdjustments.IgnoreQueryFilters().SingleAsync());
        Assert.Equal((client.Id, 4, "Very oily scalp"), (saved.ClientId, saved.ToDay, saved.Reason));
    }

    [Fact]
    public async Task LimitsChangedAfterTheFormOpened_TheSaveChecksTheNewOnes()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        var form = Adjust("sauna", 16, "no sauna or steam room for 17 days.");

        await ChangeLimitsAsync(clinic, shorter: 2, longer: 2);

        Assert.Equal(["The clinic allows keeping a restriction at most 2 days longer: the last day to avoid can be day 15 at the latest."],
            await AdjustAsync(clinic, clinic.Technician, client, form));
    }

    [Fact]
    public async Task LimitsNarrowedLater_TheSavedAdjustmentStaysForTheClient_AndStaffSeeItIsOutsideThem()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        var token = await _app.LinkAsync(clinic, client.Id);
        Assert.Empty(await AdjustAsync(clinic, clinic.Technician, client, Adjust("sauna", 16, "no sauna or steam room for 17 days.")));
        using var staff = await _app.SignedInAs(clinic.Technician);
        Assert.Empty((await staff.GetAsync($"/clients/{client.Id}")).Document.QuerySelectorAll("[data-testid=adjustment-outside]"));

        await ChangeLimitsAsync(clinic, shorter: 0, longer: 1);

        var page = await staff.GetAsync($"/clients/{client.Id}");
        Assert.Contains("Client reads: \"Adjusted for you by your technician: no sauna or steam room for 17 days.\"", Flat(page.Text));
        Assert.Equal("Saved under earlier limits: the clinic's limits are narrower now. It still holds for this client.",
            Flat(Assert.Single(page.Document.QuerySelectorAll("[data-testid=adjustment-outside]")).TextContent));
        var phone = new HtmlParser().ParseDocument(await _app.Anonymous().GetStringAsync($"/c/{token}"));
        Assert.Equal("From Thu 19 Mar in 17 days", ClientLinkPageTests.WhenAnswers(phone)["Use a sauna or steam room"]);
    }

    public void Dispose() => _app.Dispose();
}
