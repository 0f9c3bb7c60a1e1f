using System.Net;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

public sealed class ClientTests : IDisposable
{
    private readonly AppFactory _app = new();

    private static Dictionary<string, string?> NewClient(string name = "Jordan Lee") => new()
    {
        ["Input.FullName"] = name,
        ["Input.Email"] = "jordan@example.com",
        ["Input.Phone"] = "07700 900456",
        ["Input.EmailConsent"] = "true",
        ["Input.SmsConsent"] = "true",
        ["Input.PreferredChannel"] = "Sms",
        ["Input.SkinNotes"] = "Oily scalp",
    };

    [Fact]
    public async Task Create_ValidClient_SavesWithPhoneInE164AndOpensTheClientPage()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Reception);

        var result = await browser.SubmitAsync("/clients/new", "client", NewClient());

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        var page = await browser.GetAsync(result.Location!);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Jordan Lee", page.Text);
        Assert.Contains("+447700900456", page.Text);
        Assert.Contains("Reminders: email and SMS", page.Text);
    }

    [Fact]
    public async Task Create_NameOnly_IsEnoughAndSaysNoRemindersPossible()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Reception);

        var result = await browser.SubmitAsync("/clients/new", "client", new Dictionary<string, string?> { ["Input.FullName"] = "Walk In" });

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Contains("no reminders possible (no email or phone)", (await browser.GetAsync(result.Location!)).Text);
    }

    [Fact]
    public async Task Create_InvalidInput_ShowsEachMessageKeepsInputAndSavesNothing()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Reception);
        var input = NewClient("");
        input["Input.Email"] = "jordan-at-example";
        input["Input.Phone"] = "call me";
        input["Input.SmsConsent"] = "true";

        var page = await browser.SubmitAsync("/clients/new", "client", input);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Enter the client's full name.", page.ValidationMessages);
        Assert.Contains("Enter a valid email address, like name@example.com.", page.ValidationMessages);
        Assert.Contains("Enter a mobile number with its country code, like +44 7700 900123.", page.ValidationMessages);
        Assert.Equal("call me", page.FieldValue("Input.Phone"));
        Assert.Equal("Oily scalp", page.FieldValue("Input.SkinNotes"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Create_SmsConsentWithoutPhone_AsksForANumber()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Reception);
        var input = NewClient();
        input["Input.Phone"] = "";

        var page = await browser.SubmitAsync("/clients/new", "client", input);

        Assert.Contains("Add a mobile number, or untick SMS reminders.", page.ValidationMessages);
    }

    [Theory]
    [InlineData("0001-01-01", "The planned next session (1 Jan 0001) is in the past: pick a date from today on, or leave it empty.")]
    [InlineData("2026-03-01", "The planned next session (1 Mar 2026) is in the past: pick a date from today on, or leave it empty.")]
    [InlineData("9999-12-31", "31 Dec 9999 is more than a year ahead: check the year. Plan up to 2 Mar 2027.")]
    public async Task Create_PlannedNextSessionOutsideTheBounds_FormMessageAndNothingSaved(string planned, string message)
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Reception);
        var input = NewClient();
        input["Input.PlannedNextSession"] = planned;

        var page = await browser.SubmitAsync("/clients/new", "client", input);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, page.ValidationMessages);
        Assert.Equal("Jordan Lee", page.FieldValue("Input.FullName"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Create_PlannedNextSessionWithinAYear_IsSaved()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Reception);
        var input = NewClient();
        input["Input.PlannedNextSession"] = "2026-03-16";

        var result = await browser.SubmitAsync("/clients/new", "client", input);

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal(new DateOnly(2026, 3, 16), await _app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().Select(c => c.PlannedNextSession).SingleAsync()));
    }

    [Fact]
    public async Task Edit_ValidChange_IsSavedAndAudited()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).Named("Sam Hart").SaveAsync();
        using var browser = await _app.SignedInAs(clinic.Technician);

        var result = await browser.SubmitAsync($"/clients/{client.Id}/edit", "client", new Dictionary<string, string?> { ["Input.FullName"] = "Sam Hartley" });

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal("Sam Hartley", await _app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().Select(c => c.FullName).SingleAsync()));
        var actions = await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.ClientUpdated, actions);
    }

    [Fact]
    public async Task Edit_InvalidChange_ChangesNothing()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).Named("Sam Hart").SaveAsync();
        using var browser = await _app.SignedInAs(clinic.Technician);

        var page = await browser.SubmitAsync($"/clients/{client.Id}/edit", "client",
            new Dictionary<string, string?> { ["Input.FullName"] = "Sam Hartley", ["Input.Email"] = "not-an-email" });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Sam Hartley", page.FieldValue("Input.FullName"));
        Assert.Equal(("Sam Hart", "alex@example.com"), await _app.WithDbAsync(db =>
            db.Clients.IgnoreQueryFilters().Select(c => new ValueTuple<string, string?>(c.FullName, c.Email)).SingleAsync()));
    }

    [Fact]
    public async Task List_SearchFindsByNameEmailAndNationalPhone()
    {
        var clinic = await _app.SeedClinicAsync();
        await _app.Client(clinic).Named("Priya Shah").WithContact("priya@example.com", "+447700900111").SaveAsync();
        await _app.Client(clinic).Named("Tom Webb").WithContact("tom@example.org", "+447700900222").SaveAsync();
        using var browser = await _app.SignedInAs(clinic.Reception);

        Assert.Contains("Priya Shah", (await browser.GetAsync("/clients?q=priya")).Text);
        Assert.DoesNotContain("Tom Webb", (await browser.GetAsync("/clients?q=priya")).Text);
        Assert.Contains("Tom Webb", (await browser.GetAsync("/clients?q=example.org")).Text);
        var byPhone = await browser.GetAsync("/clients?q=" + Uri.EscapeDataString("07700 900222"));
        Assert.Contains("Tom Webb", byPhone.Text);
        Assert.DoesNotContain("Priya Shah", byPhone.Text);
    }

    [Fact]
    public async Task List_PagesThroughManyClients()
    {
        var clinic = await _app.SeedClinicAsync();
        for (var i = 0; i < 30; i++)
        {
            await _app.Client(clinic).Named($"Client {i:D2}").SaveAsync();
        }

        using var browser = await _app.SignedInAs(clinic.Reception);
        var first = await browser.GetAsync("/clients");
        var second = await browser.GetAsync("/clients?page=2");

        Assert.Contains("Client 00", first.Text);
        Assert.DoesNotContain("Client 29", first.Text);
        Assert.Contains("Client 29", second.Text);
        Assert.Contains("30 clients · page 2 of 2", second.Text);
    }

    [Fact]
    public async Task Archive_HidesFromListAndRestoreBringsBack()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).Named("Kim Archive").SaveAsync();
        using var browser = await _app.SignedInAs(clinic.Reception);

        await browser.SubmitAsync($"/clients/{client.Id}", "archive");
        Assert.DoesNotContain("Kim Archive", (await browser.GetAsync("/clients")).Text);
        Assert.Contains("Kim Archive", (await browser.GetAsync("/clients?archived=true")).Text);

        await browser.SubmitAsync($"/clients/{client.Id}", "archive");
        Assert.Contains("Kim Archive", (await browser.GetAsync("/clients")).Text);
    }

    [Fact]
    public async Task ClientPage_Viewing_WritesAnAuditRow()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).SaveAsync();
        using var browser = await _app.SignedInAs(clinic.Reception);

        await browser.GetAsync($"/clients/{client.Id}");

        var row = await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().SingleAsync(a => a.Action == AuditActions.ClientViewed));
        Assert.Equal(client.Id, row.ClientId);
        Assert.Equal(clinic.Reception.Id, row.UserId);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, row.AtUtc);
    }

    [Fact]
    public async Task ClientPage_UnknownId_Is404()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Reception);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/clients/{Guid.NewGuid()}")).Status);
    }

    [Fact]
    public async Task ClientPage_NoEmailOrPhone_SaysNoRemindersPossible()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithContact(null, null).SaveAsync();
        using var browser = await _app.SignedInAs(clinic.Reception);

        Assert.Contains("no reminders possible", (await browser.GetAsync($"/clients/{client.Id}")).Text);
    }

    public void Dispose() => _app.Dispose();
}
