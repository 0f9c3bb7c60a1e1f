using System.Net;
using Microsoft.EntityFrameworkCore;
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
        });

        Assert.Equal(
            ["Enter the clinic's name.", "Use an IANA time zone such as Europe/London or America/New_York.", "Enter a valid email address, like clinic@example.com.",
                "Choose between 1 and 3650 days.", "The sending window must end after it starts (for example 09:00-20:00)."],
            result.Errors.Select(e => e.ErrorMessage));
        Assert.Equal(["Enter how many days a personal link keeps working."],
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
