using System.Net;
using System.Text.RegularExpressions;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Clients;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Components;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

/// <summary>
/// The interactive client page on each database (today Mon 2 Mar 2026, London). Each test has an app of its own
/// (OwnAppComponentTest), so counts over the whole database are this test's alone.
/// </summary>
public abstract class ClientTests(PostgresServer? postgres) : OwnAppComponentTest(postgres)
{
    // Creating and editing clients is driven through the interactive form: Components/ClientEditorTests.cs.

    // The list (search, paging, filters) is driven through its interactive page: Components/ClientListTests.cs.

    [Fact]
    public async Task Archive_HidesFromListAndRestoreBringsBack()
    {
        var client = await App.Client(Clinic).Named("Kim Archive").SaveAsync();
        SignInAs(Clinic.Reception, Clinic.Id);
        var page = OpenClientPage(client.Id);

        // The click's handler waits for the dialog's answer: answer it before awaiting the click.
        var archiving = page.Find("[data-testid=archive]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("Archive this client?", Dialogs.Markup, StringComparison.Ordinal));
        await Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Archive").ClickAsync(new());
        await archiving;

        page.WaitForAssertion(() => Assert.Equal("Archived", page.Find("[data-testid=archived]").TextContent.Trim()));
        Assert.Contains("Kim Archive archived.", Snackbars.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Kim Archive", await ListedAsync(archived: false));
        Assert.Contains("Kim Archive", await ListedAsync(archived: true));

        Assert.Equal("Restore", page.Find("[data-testid=archive]").TextContent.Trim());
        await page.Find("[data-testid=archive]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=archived]")));
        Assert.Equal("Archive", page.Find("[data-testid=archive]").TextContent.Trim());
        Assert.Contains("Kim Archive", await ListedAsync(archived: false));
        Assert.DoesNotContain("Kim Archive", await ListedAsync(archived: true));
    }

    [Fact]
    public async Task ClientPage_Viewing_WritesAnAuditRow()
    {
        var client = await App.Client(Clinic).SaveAsync();
        SignInAs(Clinic.Reception, Clinic.Id);

        OpenClientPage(client.Id);

        var row = await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().SingleAsync(a => a.Action == AuditActions.ClientViewed));
        Assert.Equal(client.Id, row.ClientId);
        Assert.Equal(Clinic.Reception.Id, row.UserId);
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime, row.AtUtc);
    }

    /// <summary>Issue 13's example on the staff page: day 2 after a session that was not the final one.</summary>
    [Fact]
    public async Task ClientPage_DayTwo_TheGymWaitsForSweatingInTodaysListTheDaysAndTheMilestones()
    {
        var client = await App.Client(Clinic).WithSession("2026-02-28 10:00").SaveAsync();

        var page = OpenClientPage(client.Id);

        var today = Text(page.Find("[aria-labelledby=today]"));
        Assert.Contains("Heavy exercise: allowed again Sat 7 Mar (heavy exercise makes you sweat)", today, StringComparison.Ordinal);
        Assert.Contains("Sweating: allowed again Sat 7 Mar", today, StringComparison.Ordinal);
        var milestone = Assert.Single(page.FindAll("[aria-labelledby=milestones] li"), li => li.TextContent.Contains("You can go back to heavy exercise", StringComparison.Ordinal));
        Assert.Contains("Sat 7 Mar", milestone.TextContent, StringComparison.Ordinal);
        // The days: the gym's bar ends no earlier than sweating's, so no day allows the gym but not sweating.
        var bars = page.FindAll("[data-testid=timeline-text] li").Select(Text).ToList();
        var exercise = Assert.Single(bars, b => b.StartsWith("Avoid: Heavy exercise,", StringComparison.Ordinal));
        var sweating = Assert.Single(bars, b => b.StartsWith("Avoid: Sweating,", StringComparison.Ordinal));
        Assert.EndsWith("(allowed again Sat 7 Mar)", exercise, StringComparison.Ordinal);
        Assert.EndsWith("(allowed again Sat 7 Mar)", sweating, StringComparison.Ordinal);
    }

    /// <summary>Sessions from 1926 (saved before dates had bounds) and this week once made a 9 MB staff page.</summary>
    [Fact]
    public async Task ClientPage_SessionsYearsApart_ShowsTheCurrentCourseAndSummarisesEarlierOnes()
    {
        var client = await App.Client(Clinic).WithSession("2026-03-01 10:00").SaveAsync();
        await App.AddSessionsLoggedBackThenAsync(Clinic, client.Id,
            new DateTimeOffset(1926, 5, 1, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(1926, 5, 15, 10, 0, 0, TimeSpan.Zero));

        var page = OpenClientPage(client.Id);

        var chart = page.Find("[data-testid=timeline-chart]");
        Assert.Equal("Sun 1 Mar", page.FindAll(".tl-head .tl-tick")[0].TextContent.Trim());
        var days = int.Parse(Regex.Match(chart.QuerySelector(".tl-canvas")!.GetAttribute("style")!, @"--tl-days: (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(days <= 31, $"{days} days drawn");
        Assert.Single(page.FindAll("[data-testid=timeline-chart]"));
        Assert.Contains("Earlier courses (1)", Text(page.Find("[data-testid=earlier-courses]")), StringComparison.Ordinal);
        Assert.True(page.Markup.Length < 200_000, $"{page.Markup.Length} characters");

        await page.Find("[data-testid=earlier-courses] .mud-expand-panel-header").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Course 1: 2 sessions, ", Text(page.Find("[data-testid=earlier-courses]")), StringComparison.Ordinal));
        Assert.Contains("1 May 1926 to", Text(page.Find("[data-testid=earlier-courses]")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientPage_UnknownId_Is404()
    {
        using var browser = await App.SignedInAs(Clinic.Reception);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/clients/{Guid.NewGuid()}")).Status);
    }

    [Fact]
    public async Task ClientPage_NoEmailOrPhone_SaysNoRemindersPossible()
    {
        var client = await App.Client(Clinic).WithContact(null, null).SaveAsync();

        var page = OpenClientPage(client.Id);

        Assert.Contains("Reminders: none possible (no email or phone)", Text(page.Find(".client-title")), StringComparison.Ordinal);
    }

    /// <summary>The names the client list shows (its interactive grid reads them from this query).</summary>
    private async Task<List<string>> ListedAsync(bool archived) =>
        [.. (await App.SearchClientsAsync(Clinic.Id, new(Archived: archived))).Rows.Select(r => r.FullName)];
}
