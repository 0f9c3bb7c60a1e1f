using System.Net;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Settings;
using SmpAftercare.Web.Infrastructure.Staff;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

/// <summary>
/// The owner's clinic settings save, as the interactive page calls it (the page itself: Components/SettingsPagesTests),
/// and who may open the page.
/// </summary>
public sealed class SettingsTests : IDisposable
{
    private readonly AppFactory _app = new();

    private Task<Clinic> ClinicAsync(Guid id) => _app.WithDbAsync(db => db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == id));

    private static StaffMember Owner(TestClinic clinic) => new(clinic.Owner.Id, clinic.Owner.FullName, clinic.Id, StaffRoles.Owner);

    private async Task<ClinicSettingsForm> FormAsync(TestClinic clinic, Action<ClinicSettingsForm> change)
    {
        var form = ClinicSettingsForm.From(await ClinicAsync(clinic.Id));
        change(form);
        return form;
    }

    private Task<SaveOutcome> SaveAsync(StaffMember actor, ClinicSettingsForm form) =>
        _app.WithDbAsync(db => ClinicSettingsSave.SaveAsync(db, actor, form, _app.Clock.GetUtcNow().UtcDateTime));

    [Fact]
    public async Task Save_ValidChanges_StoredAndAuditedWithBeforeAndAfterInPlainWords()
    {
        var clinic = await _app.SeedClinicAsync();
        var form = await FormAsync(clinic, f =>
        {
            f.Clinic.Name = "Northside Scalp Studio";
            f.Clinic.TimeZoneId = "America/New_York";
            f.Clinic.Locale = "en-US";
            f.Clinic.Address = "";
            f.LinkValidityDays = 120;
            f.ReminderWindowStart = new TimeOnly(8, 30);
            f.ReminderWindowEnd = new TimeOnly(18, 0);
        });

        var outcome = await SaveAsync(Owner(clinic), form);

        Assert.Equal(new SaveOutcome(null, true), outcome);
        var saved = await ClinicAsync(clinic.Id);
        Assert.Equal(("Northside Scalp Studio", "America/New_York", "en-US", (string?)null), (saved.Name, saved.TimeZoneId, saved.Locale, saved.Address));
        Assert.Equal(120, saved.LinkValidityDays);
        Assert.Equal((new TimeOnly(8, 30), new TimeOnly(18, 0)), (saved.ReminderWindowStart, saved.ReminderWindowEnd));
        var audit = await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().SingleAsync(e => e.Action == "settings.changed"));
        Assert.Equal(clinic.Owner.FullName, audit.UserName);
        Assert.Equal(
            "Clinic name: Northside SMP → Northside Scalp Studio; Time zone: Europe/London → America/New York; Dates written as: English (UK) → English (US); Address: 1 High Street → none; " +
            "Personal links keep working for: 90 days → 120 days; Reminder hours: 09:00 to 20:00 → 08:30 to 18:00",
            audit.Details);
    }

    [Fact]
    public async Task Save_InvalidValues_RefusedWithTheFirstSentence_NothingChanged()
    {
        var clinic = await _app.SeedClinicAsync();
        var form = await FormAsync(clinic, f =>
        {
            f.Clinic.TimeZoneId = "Mars/Olympus";
            f.LinkValidityDays = 0;
            f.ReminderWindowStart = new TimeOnly(20, 0);
            f.ReminderWindowEnd = new TimeOnly(9, 0);
        });

        var outcome = await SaveAsync(Owner(clinic), form);

        Assert.Equal("Use an IANA time zone such as Europe/London or America/New_York.", outcome.Refusal);
        var unchanged = await ClinicAsync(clinic.Id);
        Assert.Equal(("Northside SMP", "Europe/London", 90), (unchanged.Name, unchanged.TimeZoneId, unchanged.LinkValidityDays));
        Assert.Equal((new TimeOnly(9, 0), new TimeOnly(20, 0)), (unchanged.ReminderWindowStart, unchanged.ReminderWindowEnd));
        Assert.False(await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.Action == "settings.changed")));
    }

    [Fact]
    public void Validator_SaysWhatIsWrongWithEachField_InPlainWords()
    {
        var result = new ClinicSettingsFormValidator().Validate(new ClinicSettingsForm
        {
            Clinic = new ClinicDetailsForm { Name = "", TimeZoneId = "Mars/Olympus", ContactEmail = "desk-at-northside" },
            LinkValidityDays = 0,
            ReminderWindowStart = new TimeOnly(20, 0),
            ReminderWindowEnd = new TimeOnly(9, 0),
            AdjustDaysShorter = -1,
            AdjustDaysLonger = 366,
        });

        Assert.Equal(
            ["Enter the clinic's name.", "Use an IANA time zone such as Europe/London or America/New_York.", "Enter a valid email address, like clinic@example.com.",
                "Choose between 1 and 3650 days.", "The sending window must end after it starts (for example 09:00-20:00).",
                "Choose between 0 and 14 days: lifting a restriction earlier than that is a change to the protocol.", "Choose between 0 and 365 days."],
            result.Errors.Select(e => e.ErrorMessage));
        Assert.Equal(["Enter how many days a personal link keeps working.", "Enter how many days early technicians may lift a restriction (0 for never).",
                "Enter how many days longer technicians may keep a restriction (0 for never)."],
            new ClinicSettingsFormValidator().Validate(new ClinicSettingsForm { Clinic = new() { Name = "A", TimeZoneId = "Europe/London" }, ReminderWindowStart = new(9, 0), ReminderWindowEnd = new(20, 0) })
                .Errors.Select(e => e.ErrorMessage));
    }

    [Fact]
    public async Task Save_OneClinic_LeavesTheOtherAlone()
    {
        var a = await _app.SeedClinicAsync("Clinic A");
        var b = await _app.SeedClinicAsync("Clinic B");

        await SaveAsync(Owner(b), await FormAsync(b, f => f.LinkValidityDays = 30));

        Assert.Equal(30, (await ClinicAsync(b.Id)).LinkValidityDays);
        Assert.Equal(90, (await ClinicAsync(a.Id)).LinkValidityDays);
    }

    [Fact]
    public async Task Save_OptionalContactsCleared_StoredAsNone_AndNothingChangedIsNotLogged()
    {
        var clinic = await _app.SeedClinicAsync();
        var form = await FormAsync(clinic, f => (f.Clinic.ContactEmail, f.Clinic.ContactPhone, f.Clinic.Address) = ("", "", ""));

        Assert.Equal(new SaveOutcome(null, true), await SaveAsync(Owner(clinic), form));
        Assert.Equal(new SaveOutcome(null, false), await SaveAsync(Owner(clinic), await FormAsync(clinic, _ => { })));

        var saved = await ClinicAsync(clinic.Id);
        Assert.Equal(((string?)null, (string?)null, (string?)null), (saved.ContactEmail, saved.ContactPhone, saved.Address));
        Assert.Equal(1, await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(e => e.Action == "settings.changed")));
    }

    [Fact]
    public async Task Save_ByATechnician_IsRefused()
    {
        var clinic = await _app.SeedClinicAsync();
        var technician = new StaffMember(clinic.Technician.Id, clinic.Technician.FullName, clinic.Id, StaffRoles.Technician);

        var outcome = await SaveAsync(technician, await FormAsync(clinic, f => f.Clinic.Name = "Taken Over"));

        Assert.NotNull(outcome.Refusal);
        Assert.Equal("Northside SMP", (await ClinicAsync(clinic.Id)).Name);
    }

    [Fact]
    public async Task Save_AdjustmentLimits_StoredForThisClinicAndAuditedInPlainWords()
    {
        var clinic = await _app.SeedClinicAsync();
        var other = await _app.SeedClinicAsync("Southside SMP");
        Assert.Equal(AdjustmentLimits.Default, (await ClinicAsync(clinic.Id)).AdjustmentLimits);

        var outcome = await SaveAsync(Owner(clinic), await FormAsync(clinic, f => (f.AdjustDaysShorter, f.AdjustDaysLonger) = (0, 1)));

        Assert.Equal(new SaveOutcome(null, true), outcome);
        Assert.Equal(new AdjustmentLimits(0, 1), (await ClinicAsync(clinic.Id)).AdjustmentLimits);
        Assert.Equal(AdjustmentLimits.Default, (await ClinicAsync(other.Id)).AdjustmentLimits);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().SingleAsync(e => e.Action == "settings.changed"));
        Assert.Equal("Technicians may lift a restriction early: up to 2 days → never; Technicians may keep a restriction longer: up to 30 days → up to 1 day", audit.Details);
    }

    [Theory]
    [InlineData(15, 30, "Choose between 0 and 14 days: lifting a restriction earlier than that is a change to the protocol.")]
    [InlineData(2, -5, "Choose between 0 and 365 days.")]
    [InlineData(null, 30, "Enter how many days early technicians may lift a restriction (0 for never).")]
    public async Task Save_AdjustmentLimitsOutOfBounds_RefusedWithASentence_NothingChanged(int? shorter, int longer, string refusal)
    {
        var clinic = await _app.SeedClinicAsync();

        var outcome = await SaveAsync(Owner(clinic), await FormAsync(clinic, f => (f.AdjustDaysShorter, f.AdjustDaysLonger) = (shorter, longer)));

        Assert.Equal(refusal, outcome.Refusal);
        Assert.Equal(AdjustmentLimits.Default, (await ClinicAsync(clinic.Id)).AdjustmentLimits);
        Assert.False(await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.Action == "settings.changed")));
    }

    [Theory]
    [InlineData(StaffRoles.Technician)]
    [InlineData(StaffRoles.Reception)]
    public async Task Save_AdjustmentLimitsByANonOwner_RefusedAndTheLimitsStay(string role)
    {
        var clinic = await _app.SeedClinicAsync();
        var who = role == StaffRoles.Technician ? clinic.Technician : clinic.Reception;

        var outcome = await SaveAsync(new StaffMember(who.Id, who.FullName, clinic.Id, role), await FormAsync(clinic, f => (f.AdjustDaysShorter, f.AdjustDaysLonger) = (14, 365)));

        Assert.Equal("Only an owner can change the clinic settings.", outcome.Refusal);
        Assert.Equal(AdjustmentLimits.Default, (await ClinicAsync(clinic.Id)).AdjustmentLimits);
    }

    [Theory]
    [InlineData(StaffRoles.Technician)]
    [InlineData(StaffRoles.Reception)]
    public async Task Settings_NotOwner_SentToAccessDenied(string role)
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(role == StaffRoles.Technician ? clinic.Technician : clinic.Reception);

        var page = await browser.GetAsync("/settings");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/account/denied", page.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_Anonymous_SentToSignIn()
    {
        await _app.SeedClinicAsync();
        using var browser = _app.Browser();

        var page = await browser.GetAsync("/settings");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/account/login", page.Location, StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();
}
