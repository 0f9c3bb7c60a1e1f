using System.Net;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

/// <summary>The clock stands at Mon 2 Mar 2026 10:00 in London (AppFactory).</summary>
public abstract class SessionTests(PostgresServer? postgres) : IDisposable
{
    private readonly AppFactory _app = new(postgres);

    private static Dictionary<string, string?> Session(string date, string time = "09:00", bool final = false) => new()
    {
        ["Input.Date"] = date,
        ["Input.Time"] = time,
        ["Input.IsFinal"] = final ? "true" : null,
        ["Input.PigmentNotes"] = "Pigment B2",
    };

    private async Task<(TestClinic Clinic, SeededClient Client, StaffBrowser Browser)> TechnicianWithClient(Func<ClientBuilder, ClientBuilder>? shape = null)
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await (shape ?? (b => b))(_app.Client(clinic)).SaveAsync();
        return (clinic, client, await _app.SignedInAs(clinic.Technician));
    }

    [Fact]
    public async Task Log_ValidSession_ShowsTodaysStatusAndMilestonesWithRealDates()
    {
        var (_, client, browser) = await TechnicianWithClient();

        var result = await browser.SubmitAsync($"/clients/{client.Id}/sessions/new", "session", Session("2026-03-02"));

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        var page = await browser.GetAsync($"/clients/{client.Id}");
        Assert.Contains("Keep it dry: day 0 after the 1st session.", page.Text);
        Assert.Contains("You can rinse your scalp with warm water again Fri 6 Mar", page.Text);
        Assert.Contains("You can shave again Sat 7 Mar", page.Text);
        Assert.Contains("You can wash your scalp with soap and shampoo again Thu 12 Mar", page.Text);
        Assert.Equal("date", page.Document.QuerySelector("tr.today")?.GetAttribute("aria-current"));
        Assert.Contains("v1", page.Text);
        var session = await _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().SingleAsync());
        Assert.Equal(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc), session.StartsAtUtc);
        Assert.Equal(1, session.SessionNumber);
    }

    [Fact]
    public async Task Log_HasNoNumberToTypeAndSuggestsSignedInTechnician()
    {
        var (clinic, client, browser) = await TechnicianWithClient(b => b.WithSession("2026-02-10 10:00"));

        var page = await browser.GetAsync($"/clients/{client.Id}/sessions/new");

        // The number is the session's place in time order, never typed (an empty one used to fail to bind).
        Assert.Null(page.Document.QuerySelector("[name='Input.SessionNumber']"));
        Assert.Equal(clinic.Technician.Id, page.FieldValue("Input.TechnicianId"));
        Assert.Equal("2026-03-02", page.FieldValue("Input.Date"));
    }

    [Theory]
    [InlineData("2027-06-01", "09:00", "1 Jun 2027 is more than a year ahead: check the year. Sessions can be logged up to 2 Mar 2027.")]
    [InlineData("2026-02-10", "10:00", "Session 1 already starts at this moment.")]
    [InlineData("", "09:00", "Enter the session date.")]
    [InlineData("2026-03-29", "01:30", "01:30 does not exist on 29 Mar 2026 in Europe/London: the clocks go forward. Use the time shown on the clinic's clock.")]
    public async Task Log_InvalidDate_IsRefusedWithAClearMessage(string date, string time, string message)
    {
        var (_, client, browser) = await TechnicianWithClient(b => b.WithSession("2026-02-10 10:00"));

        var page = await browser.SubmitAsync($"/clients/{client.Id}/sessions/new", "session", Session(date, time));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, page.ValidationMessages);
        Assert.Equal("Pigment B2", page.FieldValue("Input.PigmentNotes"));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().CountAsync()));
    }

    [Theory]
    [InlineData("America/Los_Angeles", "0001-01-01", "1 Jan 0001 is more than a year ago")]
    [InlineData("Pacific/Auckland", "9999-12-31", "31 Dec 9999 is more than a year ahead")]
    [InlineData("Europe/London", "1926-05-01", "1 May 1926 is more than a year ago")]
    public async Task Log_DateOutsideTheBounds_FormMessageNever500(string zone, string date, string message)
    {
        var clinic = await _app.SeedClinicAsync(timeZone: zone);
        var client = await _app.Client(clinic).SaveAsync();
        using var browser = await _app.SignedInAs(clinic.Technician);

        var page = await browser.SubmitAsync($"/clients/{client.Id}/sessions/new", "session", Session(date, "23:30"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(page.ValidationMessages, m => m.StartsWith(message, StringComparison.Ordinal));
        Assert.Equal("Pigment B2", page.FieldValue("Input.PigmentNotes"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Log_AfterTheFinalSession_IsRefused()
    {
        var (_, client, browser) = await TechnicianWithClient(b => b.WithSession("2026-02-10 10:00", final: true));

        var page = await browser.SubmitAsync($"/clients/{client.Id}/sessions/new", "session", Session("2026-03-02"));

        Assert.Contains("Session 1 (10 Feb 2026 10:00) is marked final. Edit it first if the treatment goes on.", page.ValidationMessages);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Log_WithinSevenDays_WarnsBeforeSavingThenSavesWhenAccepted()
    {
        var (_, client, browser) = await TechnicianWithClient(b => b.WithSession("2026-02-26 10:00"));

        var warned = await browser.SubmitAsync($"/clients/{client.Id}/sessions/new", "session", Session("2026-03-02"));

        Assert.Equal(HttpStatusCode.OK, warned.Status);
        Assert.Contains("comes 4 days after session 1", warned.Text);
        Assert.Contains("at least 7 days to heal", warned.Text);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().CountAsync()));

        var accepted = await browser.SubmitAsync(warned, "session", new Dictionary<string, string?> { ["Input.AcceptSpacing"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, accepted.Status);
        Assert.Equal(2, await _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Log_KeloidClient_ShowsWarningAndNeedsConfirmation()
    {
        var (_, client, browser) = await TechnicianWithClient(b => b.WithKeloidHistory());

        var form = await browser.GetAsync($"/clients/{client.Id}/sessions/new");
        Assert.Contains("Keloid scarring history", form.Text);
        var refused = await browser.SubmitAsync(form, "session", Session("2026-03-02"));
        Assert.Contains("Confirm you have read the client's contraindications.", refused.ValidationMessages);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().CountAsync()));

        var confirmed = await browser.SubmitAsync(refused, "session", new Dictionary<string, string?> { ["Input.ConfirmContraindications"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, confirmed.Status);
    }

    [Fact]
    public async Task Edit_MarkingFinal_AddsTheFinalSessionRules()
    {
        var (_, client, browser) = await TechnicianWithClient(b => b.WithSession("2026-02-10 10:00"));
        var sessionId = client.SessionIds[0];

        var result = await browser.SubmitAsync($"/sessions/{sessionId}/edit", "session", new Dictionary<string, string?> { ["Input.IsFinal"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        var page = await browser.GetAsync($"/clients/{client.Id}");
        Assert.Contains("You can go swimming again Thu 12 Mar", page.Text); // 10 Feb + 30 days
        var actions = await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.SessionUpdated, actions);
    }

    [Fact]
    public async Task Edit_MovingBeforeThePreviousSession_RenumbersBoth()
    {
        var (_, client, browser) = await TechnicianWithClient(b => b.WithSession("2026-02-01 10:00").WithSession("2026-02-15 10:00"));

        var result = await browser.SubmitAsync($"/sessions/{client.SessionIds[1]}/edit", "session", new Dictionary<string, string?> { ["Input.Date"] = "2026-01-20" });

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        var numbers = await _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().ToDictionaryAsync(s => s.Id, s => s.SessionNumber));
        Assert.Equal((1, 2), (numbers[client.SessionIds[1]], numbers[client.SessionIds[0]]));
    }

    [Fact]
    public async Task Delete_AfterConfirmation_RemovesTheSession()
    {
        var (_, client, browser) = await TechnicianWithClient(b => b.WithSession("2026-02-10 10:00"));

        var confirm = await browser.GetAsync($"/sessions/{client.SessionIds[0]}/delete");
        Assert.Contains("Delete session 1 of Alex Morgan?", confirm.Text);
        var result = await browser.SubmitAsync(confirm, "delete-session");

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task LogAndDelete_KeepThePendingRemindersInStep()
    {
        var (_, client, browser) = await TechnicianWithClient();

        await browser.SubmitAsync($"/clients/{client.Id}/sessions/new", "session", Session("2026-03-02"));
        var planned = await _app.WithDbAsync(db => db.Reminders.IgnoreQueryFilters().Where(r => r.ClientId == client.Id).Select(r => r.AnnouncedDate).ToListAsync());
        // Milestones switched on by default: water Fri 6 Mar, shaving Sat 7 Mar, soap Thu 12 Mar ... (email and SMS).
        Assert.Contains(new DateOnly(2026, 3, 6), planned);
        Assert.Contains(new DateOnly(2026, 3, 12), planned);
        Assert.Contains("You can rinse", (await browser.GetAsync($"/clients/{client.Id}")).Text, StringComparison.OrdinalIgnoreCase);

        var sessionId = await _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().Select(s => s.Id).SingleAsync());
        await browser.SubmitAsync($"/sessions/{sessionId}/delete", "delete-session");

        Assert.Equal(0, await _app.WithDbAsync(db => db.Reminders.IgnoreQueryFilters().CountAsync(r => r.ClientId == client.Id)));
    }

    [Fact]
    public async Task Reception_CanReadSessionsButNotLogThem()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-02-10 10:00").SaveAsync();
        using var browser = await _app.SignedInAs(clinic.Reception);

        var page = await browser.GetAsync($"/clients/{client.Id}");
        Assert.Contains("Technician of Northside SMP", page.Text);
        Assert.DoesNotContain("Log session", page.Text);

        var form = await browser.GetAsync($"/clients/{client.Id}/sessions/new");
        Assert.Equal(HttpStatusCode.Redirect, form.Status);
        Assert.StartsWith("/account/denied", form.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync($"/sessions/{client.SessionIds[0]}/delete")).Status);
    }

    public void Dispose() => _app.Dispose();
}
