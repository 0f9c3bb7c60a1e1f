using System.Net;
using Bunit;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Features.Sessions;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Components;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

/// <summary>
/// Sessions on both database providers: saved as the interactive pages save them (StaffSessionCalls), read back on
/// the client page. The pages' own behaviour (dialogs, messages, buttons) is in Components/SessionEditorTests.
/// The clock stands at Mon 2 Mar 2026 10:00 in London (AppFactory).
/// </summary>
public abstract class SessionTests(PostgresServer? postgres) : OwnAppComponentTest(postgres)
{
    private async Task<(TestClinic Clinic, SeededClient Client, StaffBrowser Browser)> TechnicianWithClient(Func<ClientBuilder, ClientBuilder>? shape = null)
    {
        var clinic = Clinic;
        var client = await (shape ?? (b => b))(App.Client(clinic)).SaveAsync();
        return (clinic, client, await App.SignedInAs(clinic.Technician));
    }

    private Task<int> SessionCount() => App.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().CountAsync());

    [Fact]
    public async Task Log_ValidSession_ShowsTodaysStatusAndMilestonesWithRealDates()
    {
        var (clinic, client, _) = await TechnicianWithClient();

        var result = await App.LogAsync(clinic, clinic.Technician, client.Id, "2026-03-02 09:00");

        Assert.IsType<SessionOutcome.Saved>(result.Outcome);
        SignInAs(clinic.Technician, clinic.Id);
        var page = OpenClientPage(client.Id);
        Assert.Equal("Keep it dry: day 0 after the 1st session.", Text(page.Find("[data-testid=today-phase]")));
        var milestones = page.FindAll("[aria-labelledby=milestones] li").Select(Text).ToList();
        Assert.Contains("You can rinse your scalp with warm water again Fri 6 Mar (session 1)", milestones);
        Assert.Contains("You can shave again Sat 7 Mar (session 1)", milestones);
        Assert.Contains("You can wash your scalp with soap and shampoo again Thu 12 Mar (session 1)", milestones);
        // Today is the session day: the chart's first day, marked as today.
        Assert.Contains("--tl-at: 0", page.Find("[data-testid=timeline-chart] .tl-today-flag").GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("Today is Monday, 2 March 2026.", Text(page.Find("[data-testid=timeline-text]")), StringComparison.Ordinal);
        Assert.Equal("version 1", Text(page.Find("[data-testid=sessions] tbody td:nth-child(4)")));
        var session = await App.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().SingleAsync());
        Assert.Equal(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc), session.StartsAtUtc);
        Assert.Equal(1, session.SessionNumber);
    }

    [Fact]
    public async Task LogPage_OpensWithNoNumberToType_TodayAndTheSignedInTechnician()
    {
        var (clinic, client, browser) = await TechnicianWithClient(b => b.WithSession("2026-02-10 10:00"));

        var page = await browser.GetAsync($"/clients/{client.Id}/sessions/new");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        // The number is the session's place in time order, never typed (an empty one used to fail to bind).
        Assert.DoesNotContain("SessionNumber", page.Text, StringComparison.Ordinal);
        Assert.Equal("02/03/2026", page.Document.QuerySelector("#session-date")?.GetAttribute("value"));
        Assert.Equal(clinic.Technician.FullName, page.Document.QuerySelector("#session-tech")?.GetAttribute("value"));
    }

    [Theory]
    [InlineData("2027-06-01 09:00", "1 Jun 2027 is more than a year ahead: check the year. Sessions can be logged up to 2 Mar 2027.")]
    [InlineData("2026-02-10 10:00", "Session 1 already starts at this moment.")]
    [InlineData("2026-03-29 01:30", "01:30 does not exist on 29 Mar 2026 in Europe/London: the clocks go forward. Use the time shown on the clinic's clock.")]
    public async Task Log_InvalidDate_IsRefusedWithAClearMessage(string local, string message)
    {
        var (clinic, client, _) = await TechnicianWithClient(b => b.WithSession("2026-02-10 10:00"));

        var result = await App.LogAsync(clinic, clinic.Technician, client.Id, local);

        Assert.Contains(message, result.Messages);
        Assert.Equal(1, await SessionCount());
    }

    [Theory]
    [InlineData("America/Los_Angeles", "0001-01-01 23:30", "1 Jan 0001 is more than a year ago")]
    [InlineData("Pacific/Auckland", "9999-12-31 23:30", "31 Dec 9999 is more than a year ahead")]
    [InlineData("Europe/London", "1926-05-01 23:30", "1 May 1926 is more than a year ago")]
    public async Task Log_DateOutsideTheBounds_MessageNeverAnError(string zone, string local, string message)
    {
        var clinic = await App.SeedClinicAsync(name: "Zoned SMP", timeZone: zone); // beside the class's London clinic
        var client = await App.Client(clinic).SaveAsync();

        var result = await App.LogAsync(clinic, clinic.Technician, client.Id, local);

        Assert.Contains(result.Messages, m => m.StartsWith(message, StringComparison.Ordinal));
        Assert.Equal(0, await SessionCount());
    }

    [Fact]
    public async Task Log_AfterTheFinalSession_IsRefused()
    {
        var (clinic, client, _) = await TechnicianWithClient(b => b.WithSession("2026-02-10 10:00", final: true));

        var result = await App.LogAsync(clinic, clinic.Technician, client.Id, "2026-03-02 09:00");

        Assert.Contains("Session 1 (10 Feb 2026 10:00) is marked final. Edit it first if the treatment goes on.", result.Messages);
        Assert.Equal(1, await SessionCount());
    }

    [Fact]
    public async Task Log_WithinSevenDays_WarnsBeforeSavingThenSavesWhenAccepted()
    {
        var (clinic, client, _) = await TechnicianWithClient(b => b.WithSession("2026-02-26 10:00"));

        var warned = await App.LogAsync(clinic, clinic.Technician, client.Id, "2026-03-02 09:00");

        var warning = Assert.Single(Assert.IsType<SessionOutcome.NeedsConfirmation>(warned.Outcome).Warnings);
        Assert.Contains("comes 4 days after session 1", warning, StringComparison.Ordinal);
        Assert.Contains("at least 7 days to heal", warning, StringComparison.Ordinal);
        Assert.Equal(1, await SessionCount());

        var accepted = await App.LogAsync(clinic, clinic.Technician, client.Id, "2026-03-02 09:00", acceptSpacing: true);

        Assert.IsType<SessionOutcome.Saved>(accepted.Outcome);
        Assert.Equal(2, await SessionCount());
    }

    [Fact]
    public async Task Edit_MarkingFinal_AddsTheFinalSessionRules()
    {
        var (clinic, client, browser) = await TechnicianWithClient(b => b.WithSession("2026-02-10 10:00"));

        var result = await App.ChangeAsync(clinic, clinic.Technician, client.SessionIds[0], final: true);

        Assert.IsType<SessionOutcome.Saved>(result.Outcome);
        var page = await browser.GetAsync($"/clients/{client.Id}");
        Assert.Contains("You can go swimming again Thu 12 Mar", page.Text); // 10 Feb + 30 days
        var actions = await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.SessionUpdated, actions);
    }

    [Fact]
    public async Task Edit_MovingBeforeThePreviousSession_RenumbersBoth()
    {
        var (clinic, client, _) = await TechnicianWithClient(b => b.WithSession("2026-02-01 10:00").WithSession("2026-02-15 10:00"));

        var result = await App.ChangeAsync(clinic, clinic.Technician, client.SessionIds[1], "2026-01-20 10:00");

        Assert.IsType<SessionOutcome.Saved>(result.Outcome);
        var numbers = await App.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().ToDictionaryAsync(s => s.Id, s => s.SessionNumber));
        Assert.Equal((1, 2), (numbers[client.SessionIds[1]], numbers[client.SessionIds[0]]));
    }

    /// <summary>A session saved before dates had bounds stays editable as long as its date stays; a new date is checked.</summary>
    [Fact]
    public async Task Edit_SessionOlderThanTheBounds_KeepsItsDateAndSaves_ButCannotMoveToAnotherOldDate()
    {
        var (clinic, client, browser) = await TechnicianWithClient();
        await App.AddSessionsLoggedBackThenAsync(clinic, client.Id, new DateTimeOffset(2024, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var sessionId = await App.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().Where(s => s.ClientId == client.Id).Select(s => s.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/sessions/{sessionId}/edit")).Status);
        var kept = await App.ChangeAsync(clinic, clinic.Technician, sessionId, notes: "Healed well");
        var moved = await App.ChangeAsync(clinic, clinic.Technician, sessionId, "2024-06-02 10:00");

        Assert.IsType<SessionOutcome.Saved>(kept.Outcome);
        Assert.Null(moved.Outcome);
        Assert.Contains(moved.Messages, m => m.StartsWith("2 Jun 2024 is more than a year ago: check the year.", StringComparison.Ordinal));
        var saved = await App.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().Where(s => s.Id == sessionId).Select(s => new { s.Notes, s.StartsAtUtc }).SingleAsync());
        Assert.Equal("Healed well", saved.Notes);
        Assert.Equal(new DateTime(2024, 6, 1, 9, 0, 0, DateTimeKind.Utc), saved.StartsAtUtc);
    }

    [Fact]
    public async Task Delete_PageAsksFirst_ThenTheSessionGoes()
    {
        var (clinic, client, browser) = await TechnicianWithClient(b => b.WithSession("2026-02-10 10:00"));

        var confirm = await browser.GetAsync($"/sessions/{client.SessionIds[0]}/delete");
        Assert.Contains("Delete session 1 of Alex Morgan?", confirm.Text);
        Assert.Equal(1, await SessionCount());

        Assert.IsType<SessionOutcome.Saved>(await App.DeleteSessionAsync(clinic, clinic.Technician, client.SessionIds[0]));

        Assert.Equal(0, await SessionCount());
    }

    [Fact]
    public async Task LogAndDelete_KeepThePendingRemindersInStep()
    {
        var (clinic, client, browser) = await TechnicianWithClient();

        await App.LogAsync(clinic, clinic.Technician, client.Id, "2026-03-02 09:00");
        var planned = await App.WithDbAsync(db => db.Reminders.IgnoreQueryFilters().Where(r => r.ClientId == client.Id).Select(r => r.AnnouncedDate).ToListAsync());
        // Milestones switched on by default: water Fri 6 Mar, shaving Sat 7 Mar, soap Thu 12 Mar ... (email and SMS).
        Assert.Contains(new DateOnly(2026, 3, 6), planned);
        Assert.Contains(new DateOnly(2026, 3, 12), planned);
        Assert.Contains("You can rinse", (await browser.GetAsync($"/clients/{client.Id}")).Text, StringComparison.OrdinalIgnoreCase);

        var sessionId = await App.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().Select(s => s.Id).SingleAsync());
        await App.DeleteSessionAsync(clinic, clinic.Technician, sessionId);

        Assert.Equal(0, await App.WithDbAsync(db => db.Reminders.IgnoreQueryFilters().CountAsync(r => r.ClientId == client.Id)));
    }

    [Fact]
    public async Task Reception_CanReadSessionsButNotLogThem()
    {
        var clinic = Clinic;
        var client = await App.Client(clinic).WithSession("2026-02-10 10:00").SaveAsync();
        using var browser = await App.SignedInAs(clinic.Reception);

        var page = await browser.GetAsync($"/clients/{client.Id}");
        Assert.Contains("Technician of Northside SMP", page.Text);
        Assert.DoesNotContain("Log session", page.Text);

        var form = await browser.GetAsync($"/clients/{client.Id}/sessions/new");
        Assert.Equal(HttpStatusCode.Redirect, form.Status);
        Assert.StartsWith("/account/denied", form.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync($"/sessions/{client.SessionIds[0]}/delete")).Status);
    }

}
