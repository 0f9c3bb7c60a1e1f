using System.Net;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Data;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

public sealed class SettingsTests : IDisposable
{
    private readonly AppFactory _app = new();

    private Task<Clinic> ClinicAsync(Guid id) => _app.WithDbAsync(db => db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == id));

    [Fact]
    public async Task Page_NewClinic_ShowsItsDetailsAndTheDefaults()
    {
        var clinic = await _app.SeedClinicAsync();
        using var owner = await _app.SignedInAs(clinic.Owner);

        var page = await owner.GetAsync("/settings");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Northside SMP", page.FieldValue("Input.Clinic.Name"));
        Assert.Equal("Europe/London", page.FieldValue("Input.Clinic.TimeZoneId"));
        Assert.Equal("90", page.FieldValue("Input.LinkValidityDays"));
        Assert.StartsWith("09:00", page.FieldValue("Input.ReminderWindowStart"), StringComparison.Ordinal);
        Assert.StartsWith("20:00", page.FieldValue("Input.ReminderWindowEnd"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_ValidChanges_StoredAuditedAndConfirmed()
    {
        var clinic = await _app.SeedClinicAsync();
        using var owner = await _app.SignedInAs(clinic.Owner);

        var result = await owner.SubmitAsync("/settings", "settings", new Dictionary<string, string?>
        {
            ["Input.Clinic.Name"] = "Northside Scalp Studio",
            ["Input.Clinic.TimeZoneId"] = "America/New_York",
            ["Input.Clinic.Locale"] = "en-US",
            ["Input.Clinic.Address"] = "",
            ["Input.LinkValidityDays"] = "120",
            ["Input.ReminderWindowStart"] = "08:30",
            ["Input.ReminderWindowEnd"] = "18:00",
        });

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal("/settings?saved=true", result.Location);
        var saved = await ClinicAsync(clinic.Id);
        Assert.Equal(("Northside Scalp Studio", "America/New_York", "en-US", (string?)null), (saved.Name, saved.TimeZoneId, saved.Locale, saved.Address));
        Assert.Equal(120, saved.LinkValidityDays);
        Assert.Equal((new TimeOnly(8, 30), new TimeOnly(18, 0)), (saved.ReminderWindowStart, saved.ReminderWindowEnd));
        var audit = await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().SingleAsync(e => e.Action == "settings.changed"));
        Assert.Contains("reminders: 09:00-20:00 -> 08:30-18:00", audit.Details, StringComparison.Ordinal);
        var page = await owner.GetAsync(result.Location!);
        Assert.Contains("Settings saved.", page.Text, StringComparison.Ordinal);
        Assert.Equal("120", page.FieldValue("Input.LinkValidityDays"));
    }

    [Fact]
    public async Task Save_InvalidValues_MessagesNextToFieldsInputKeptNothingChanged()
    {
        var clinic = await _app.SeedClinicAsync();
        using var owner = await _app.SignedInAs(clinic.Owner);

        var page = await owner.SubmitAsync("/settings", "settings", new Dictionary<string, string?>
        {
            ["Input.Clinic.Name"] = "",
            ["Input.Clinic.TimeZoneId"] = "Mars/Olympus",
            ["Input.Clinic.ContactEmail"] = "desk-at-northside",
            ["Input.LinkValidityDays"] = "0",
            ["Input.ReminderWindowStart"] = "20:00",
            ["Input.ReminderWindowEnd"] = "09:00",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Enter the clinic's name.", page.ValidationMessages);
        Assert.Contains("Use an IANA time zone such as Europe/London or America/New_York.", page.ValidationMessages);
        Assert.Contains("Enter a valid email address, like clinic@example.com.", page.ValidationMessages);
        Assert.Contains("Choose between 1 and 3650 days.", page.ValidationMessages);
        Assert.Contains("The sending window must end after it starts (for example 09:00-20:00).", page.ValidationMessages);
        var windowEnd = page.Document.QuerySelector("[name='Input.ReminderWindowEnd']")!;
        Assert.Contains("is-invalid", windowEnd.ClassName, StringComparison.Ordinal);
        Assert.Equal("The sending window must end after it starts (for example 09:00-20:00).", windowEnd.ParentElement!.QuerySelector(".invalid-feedback")!.TextContent.Trim());
        Assert.Equal("Mars/Olympus", page.FieldValue("Input.Clinic.TimeZoneId"));
        Assert.Equal("0", page.FieldValue("Input.LinkValidityDays"));
        Assert.StartsWith("20:00", page.FieldValue("Input.ReminderWindowStart"), StringComparison.Ordinal);
        var unchanged = await ClinicAsync(clinic.Id);
        Assert.Equal(("Northside SMP", "Europe/London", 90), (unchanged.Name, unchanged.TimeZoneId, unchanged.LinkValidityDays));
        Assert.Equal((new TimeOnly(9, 0), new TimeOnly(20, 0)), (unchanged.ReminderWindowStart, unchanged.ReminderWindowEnd));
        Assert.False(await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.Action == "settings.changed")));
    }

    [Fact]
    public async Task Save_OneClinic_LeavesTheOtherAlone()
    {
        var a = await _app.SeedClinicAsync("Clinic A");
        var b = await _app.SeedClinicAsync("Clinic B");
        using var ownerB = await _app.SignedInAs(b.Owner);

        var page = await ownerB.GetAsync("/settings");
        Assert.Equal("Clinic B", page.FieldValue("Input.Clinic.Name"));
        await ownerB.SubmitAsync(page, "settings", new Dictionary<string, string?> { ["Input.LinkValidityDays"] = "30" });

        Assert.Equal(30, (await ClinicAsync(b.Id)).LinkValidityDays);
        Assert.Equal(90, (await ClinicAsync(a.Id)).LinkValidityDays);
    }

    [Fact]
    public async Task Save_OptionalContactsCleared_StoredAsNone()
    {
        var clinic = await _app.SeedClinicAsync();
        using var owner = await _app.SignedInAs(clinic.Owner);

        var result = await owner.SubmitAsync("/settings", "settings", new Dictionary<string, string?>
        {
            ["Input.Clinic.ContactEmail"] = "",
            ["Input.Clinic.ContactPhone"] = "",
            ["Input.Clinic.Address"] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        var saved = await ClinicAsync(clinic.Id);
        Assert.Equal(((string?)null, (string?)null, (string?)null), (saved.ContactEmail, saved.ContactPhone, saved.Address));
    }

    [Fact]
    public async Task Save_DaysNotANumber_SaysSoAndChangesNothing()
    {
        var clinic = await _app.SeedClinicAsync();
        using var owner = await _app.SignedInAs(clinic.Owner);

        var page = await owner.SubmitAsync("/settings", "settings", new Dictionary<string, string?> { ["Input.LinkValidityDays"] = "ninety", ["Input.Clinic.Name"] = "Renamed" });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        // A number field in a browser never posts text; if something else does, it reads as no number at all.
        Assert.Equal(["Enter how many days a personal link keeps working."], page.ValidationMessages);
        Assert.Equal("Renamed", page.FieldValue("Input.Clinic.Name"));
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
