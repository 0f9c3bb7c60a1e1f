using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Web.Components.Pages;
using SmpAftercare.Data;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Components;

/// <summary>The start page on Monday 2 March 2026, 10:00 in London.</summary>
public sealed class TodayTests(ComponentApp fixture) : StaffComponentTest(fixture)
{
    /// <summary>Day 5: the scalp may get wet again, unless the technician kept it dry longer for this client.</summary>
    [Fact]
    public async Task StartPage_PhaseFollowsTheTechniciansAdjustment()
    {
        var adjusted = await App.Client(Clinic).Named("Ada Adjusted").WithSession("2026-02-25 10:00").SaveAsync();
        await App.Client(Clinic).Named("Una Usual").WithSession("2026-02-25 11:00").SaveAsync();
        await App.AdjustAsync(adjusted, Domain.Aftercare.Activity.Wetting, toDay: 7);

        var page = Render<Home>();

        page.WaitForAssertion(() => Assert.Contains("Ada Adjusted, day 5", page.Find("[data-testid=phase-KeepDry]").TextContent));
        Assert.Contains("Una Usual, day 5", page.Find("[data-testid=phase-WaterOnly]").TextContent);
        Assert.DoesNotContain("Ada Adjusted", page.Find("[data-testid=phase-WaterOnly]").TextContent);
    }

    [Fact]
    public async Task StartPage_ShowsWhoComesIn_WhoIsHealing_FailedReminders_AndCoursesWithNoNextSession()
    {
        var healing = await App.Client(Clinic).Named("Hana Healing").WithSession("2026-02-27 10:00").SaveAsync();
        await App.Client(Clinic).Named("Tom Tomorrow").WithSession("2026-02-10 10:00").PlannedOn(new DateOnly(2026, 3, 3)).SaveAsync();
        await App.Client(Clinic).Named("Tara Today").WithSession("2026-02-10 10:00").WithSession("2026-03-02 14:30").SaveAsync();
        await App.Client(Clinic).Named("Fin Finished").WithSession("2025-12-01 10:00").WithSession("2025-12-20 10:00", final: true).SaveAsync();
        await AddFailedReminderAsync(healing.Id);

        var page = Render<Home>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=appointments]")));
        var appointments = page.Find("[data-testid=appointments]").TextContent;
        Assert.Contains("Today, 14:30", appointments);
        Assert.Contains("Tara Today", appointments);
        Assert.Contains("Tom Tomorrow (planned, not logged yet)", appointments);
        Assert.DoesNotContain("Hana", appointments);

        Assert.Contains("Hana Healing, day 3", page.Find("[data-testid=phase-KeepDry]").TextContent);
        Assert.DoesNotContain("Fin Finished", page.Markup); // healed and finished: nothing to do

        var problems = page.Find("[data-testid=reminder-problems]").TextContent;
        Assert.Contains("Hana Healing", problems);
        Assert.Contains("Email", problems);
        Assert.Contains("failed (The mail server refused the address)", problems);

        var unplanned = page.Find("[data-testid=unplanned]").TextContent;
        Assert.Contains("Hana Healing", unplanned);
        Assert.DoesNotContain("Tom Tomorrow", unplanned); // planned
        Assert.DoesNotContain("Tara Today", unplanned); // in today
    }

    [Fact]
    public void AfterSetUp_TheStartPageWelcomesWithTheNextSteps()
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/?welcome=true");

        var page = Render<Home>();

        var welcome = page.Find("[data-testid=welcome]");
        Assert.Contains("Welcome", welcome.TextContent);
        Assert.Contains("Add your first client", welcome.TextContent);
    }

    private async Task AddFailedReminderAsync(Guid clientId)
    {
        await App.WithDbAsync(async db =>
        {
            var now = App.Clock.GetUtcNow();
            var day = new DateOnly(2026, 3, 1);
            var planned = new PlannedReminder(ReminderKind.Milestone, day, day, now.AddDays(-1), [Domain.Aftercare.Activity.Wetting], [], []);
            var reminder = Reminder.Plan(Clinic.Id, clientId, ContactChannel.Email, planned, new ComposedMessage("Subject", "Body"), OptOutTokens.New(), now.UtcDateTime.AddDays(-2));
            reminder.Claim(now.UtcDateTime.AddDays(-1));
            reminder.RecordPermanentFailure("The mail server refused the address.", "x@example.com", now.UtcDateTime.AddDays(-1));
            db.Reminders.Add(reminder);
            return await db.SaveChangesAsync();
        });
    }
}
