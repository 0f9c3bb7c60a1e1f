using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

public abstract class ClientTests(PostgresServer? postgres) : IDisposable
{
    private readonly AppFactory _app = new(postgres);

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

    // Creating and editing clients is driven through the interactive form: Components/ClientEditorTests.cs.

    // The list (search, paging, filters) is driven through its interactive page: Components/ClientListTests.cs.

    [Fact]
    public async Task Archive_HidesFromListAndRestoreBringsBack()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).Named("Kim Archive").SaveAsync();
        using var browser = await _app.SignedInAs(clinic.Reception);

        await browser.SubmitAsync($"/clients/{client.Id}", "archive");
        Assert.DoesNotContain("Kim Archive", await ListedAsync(clinic, archived: false));
        Assert.Contains("Kim Archive", await ListedAsync(clinic, archived: true));

        await browser.SubmitAsync($"/clients/{client.Id}", "archive");
        Assert.Contains("Kim Archive", await ListedAsync(clinic, archived: false));
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

    /// <summary>Issue 13's example on the staff page: day 2 after a session that was not the final one.</summary>
    [Fact]
    public async Task ClientPage_DayTwo_TheGymWaitsForSweatingInTodaysListTheDaysAndTheMilestones()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-02-28 10:00").SaveAsync();
        using var browser = await _app.SignedInAs(clinic.Technician);

        var page = await browser.GetAsync($"/clients/{client.Id}");

        Assert.Contains("Heavy exercise: allowed again Sat 7 Mar (heavy exercise makes you sweat)", page.Text);
        var milestone = Assert.Single(page.Document.QuerySelectorAll("section[aria-labelledby=milestones] li"), li => li.TextContent.Contains("You can go back to heavy exercise", StringComparison.Ordinal));
        Assert.Contains("Sat 7 Mar", milestone.TextContent, StringComparison.Ordinal);
        var days = page.Document.QuerySelectorAll("tr.timeline-day").Select(tr => tr.QuerySelectorAll("td")[3].TextContent.Split(", ")).ToList();
        Assert.NotEmpty(days);
        Assert.All(days, avoid => Assert.True(!avoid.Contains("sweating") || avoid.Contains("exercise"), string.Join(", ", avoid)));
    }

    /// <summary>Sessions from 1926 (saved before dates had bounds) and this week once made a 9 MB staff page.</summary>
    [Fact]
    public async Task ClientPage_SessionsYearsApart_ShowsTheCurrentCourseAndSummarisesEarlierOnes()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-01 10:00").SaveAsync();
        await _app.AddSessionsLoggedBackThenAsync(clinic, client.Id,
            new DateTimeOffset(1926, 5, 1, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(1926, 5, 15, 10, 0, 0, TimeSpan.Zero));
        using var browser = await _app.SignedInAs(clinic.Technician);

        var page = await browser.GetAsync($"/clients/{client.Id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Earlier courses: 2 sessions, Sat 1 May 1926 to", page.Text);
        var days = page.Document.QuerySelectorAll("tr.timeline-day").Select(tr => tr.QuerySelector("td")!.TextContent).ToList();
        Assert.StartsWith("Sun 1 Mar", days[0], StringComparison.Ordinal);
        Assert.True(days.Count <= 31, $"{days.Count} days rendered");
        Assert.True(page.Document.DocumentElement.OuterHtml.Length < 200_000, $"{page.Document.DocumentElement.OuterHtml.Length} characters");
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

    /// <summary>The names the client list shows (its interactive grid reads them from this query).</summary>
    private Task<List<string>> ListedAsync(TestClinic clinic, bool archived) => _app.WithDbAsync(async db =>
    {
        var row = await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == clinic.Id);
        var scoped = new AppDbContext(_app.Services.GetRequiredService<DbContextOptions<AppDbContext>>(), new FixedClinic(clinic.Id));
        await using (scoped)
        {
            var result = await SmpAftercare.Web.Features.Clients.ClientDirectory.SearchAsync(scoped, row, new(Archived: archived), _app.Clock.GetUtcNow());
            return result.Rows.Select(r => r.FullName).ToList();
        }
    });

    private sealed class FixedClinic(Guid id) : ICurrentClinic
    {
        public Guid? ClinicId => id;
    }

    public void Dispose() => _app.Dispose();
}
