using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Reminders;
using static SmpAftercare.Domain.Tests.TimelineBuilder;

namespace SmpAftercare.Domain.Tests.Reminders;

public class ReminderPlannerTests
{
    private static readonly TimeOnly Nine = new(9, 0);
    private static readonly TimeOnly Eight = new(20, 0);

    private static SendingWindow Window(string zone = "Europe/London") => new(Nine, Eight, ClinicTimeZone.FromIanaId(zone));

    private static DateTimeOffset At(string local, string zone = "Europe/London") => ClinicTimeZone.FromIanaId(zone).ToInstant(Local(local));

    private static IReadOnlyList<PlannedReminder> Plan(AftercareTimeline timeline, string now, DateOnly? next = null, string zone = "Europe/London", IReadOnlyCollection<Activity>? enabled = null) =>
        ReminderPlanner.Plan(timeline, next, enabled ?? ClinicReminderSettings.DefaultMilestones.ToList(), nextSessionReminders: true, Window(zone), At(now, zone));

    [Fact]
    public void OneSession_DefaultMilestones_OneMessagePerDayARestrictionLifts()
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").Build();

        var plan = Plan(timeline, "2026-03-02 11:00");

        Assert.Equal([Date("2026-03-06"), Date("2026-03-07"), Date("2026-03-09"), Date("2026-03-12"), Date("2026-03-16")], plan.Select(p => p.AnnouncedDate));
        Assert.All(plan, p => Assert.Equal(ReminderKind.Milestone, p.Kind));
        Assert.Equal([Activity.Swimming, Activity.Sauna], plan[^1].Lifted);
        // Products, touching and sweating are off by default: Mar 9 announces the sun, and the gym, which waited
        // for sweating.
        Assert.Equal([Activity.Exercise, Activity.Sun], plan[2].Lifted);
    }

    [Fact]
    public void ShortClinicGymRule_TheGymReminderComesWithSweatingNeverBefore()
    {
        var protocol = DefaultProtocol.Smp.With("Short gym", rules => rules.Select(r => r.Activity == Activity.Exercise
            ? ProtocolRule.Avoid(Activity.Exercise, RuleAnchor.FinalSession, DayRange.Days(0, 2), "No gym for three days.", "clinic")
            : r));
        var timeline = new TimelineBuilder().With(protocol).FinalSession("2026-03-02 10:00").Build();

        var plan = Plan(timeline, "2026-03-02 11:00");

        var gym = Assert.Single(plan, p => p.Lifted.Contains(Activity.Exercise));
        Assert.Equal(Date("2026-03-09"), gym.AnnouncedDate); // sweating is out until day 6, not the rule's day 3
        Assert.DoesNotContain(plan, p => p.AnnouncedDate < gym.AnnouncedDate && p.Lifted.Contains(Activity.Exercise));
        Assert.All(plan.Where(p => p.AnnouncedDate < gym.AnnouncedDate), p => Assert.Contains(p.StillAvoided, s => s.Activity == Activity.Exercise && s.AllowedFrom == gym.AnnouncedDate));
    }

    [Fact]
    public void Milestone_ListsWhatIsStillRestrictedWithTheDayItIsAllowed()
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").Build();

        var wetting = Plan(timeline, "2026-03-02 11:00")[0];

        Assert.Equal([Activity.Wetting], wetting.Lifted);
        var soap = Assert.Single(wetting.StillAvoided, s => s.Activity == Activity.Soap);
        Assert.Equal(Date("2026-03-12"), soap.AllowedFrom);
        Assert.DoesNotContain(wetting.StillAvoided, s => s.Activity == Activity.Wetting);
        Assert.Contains(wetting.StillAvoided, s => s.Activity == Activity.Touching);
    }

    [Fact]
    public void FinalSession_SunMilestoneCarriesTheSunscreenAdviceThatStartsThatDay()
    {
        var timeline = new TimelineBuilder().FinalSession("2026-03-02 10:00").Build();

        var plan = Plan(timeline, "2026-03-02 11:00");

        var april = Assert.Single(plan, p => p.AnnouncedDate == Date("2026-04-01"));
        Assert.Equal([Activity.Swimming, Activity.Sauna, Activity.Sun], april.Lifted);
        Assert.Equal(Activity.Sunscreen, Assert.Single(april.Starting).Activity);
        Assert.Empty(april.StillAvoided);
        Assert.Contains(plan, p => p.AnnouncedDate == Date("2026-03-16") && p.Lifted.SequenceEqual([Activity.Exercise]));
    }

    [Fact]
    public void DueAt_IsTheWindowOpeningInTheClinicZone_AcrossADaylightSavingChange()
    {
        // Clocks go forward in London on Sunday 29 March 2026: 09:00 is 09:00 UTC before and 08:00 UTC after.
        var timeline = new TimelineBuilder().FinalSession("2026-03-02 10:00").Build();

        var plan = Plan(timeline, "2026-03-02 11:00");

        Assert.Equal(new DateTimeOffset(2026, 3, 6, 9, 0, 0, TimeSpan.Zero), plan.Single(p => p.AnnouncedDate == Date("2026-03-06")).DueAt);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero), plan.Single(p => p.AnnouncedDate == Date("2026-04-01")).DueAt);
    }

    [Fact]
    public void DueAt_NewYork_FollowsTheUsDaylightSavingChange()
    {
        var timeline = new TimelineBuilder().InZone("America/New_York").Session("2026-03-02 10:00").Build();

        var plan = Plan(timeline, "2026-03-02 11:00", zone: "America/New_York");

        Assert.Equal(new DateTimeOffset(2026, 3, 6, 14, 0, 0, TimeSpan.Zero), plan.Single(p => p.AnnouncedDate == Date("2026-03-06")).DueAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 13, 0, 0, TimeSpan.Zero), plan.Single(p => p.AnnouncedDate == Date("2026-03-12")).DueAt);
    }

    [Fact]
    public void PastMilestones_AreNotPlanned_TodaysIs()
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").Build();

        var plan = Plan(timeline, "2026-03-09 15:00");

        Assert.Equal([Date("2026-03-09"), Date("2026-03-12"), Date("2026-03-16")], plan.Select(p => p.AnnouncedDate));
    }

    [Fact]
    public void SwitchedOffMilestones_AreLeftOut()
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").Build();

        var plan = Plan(timeline, "2026-03-02 11:00", enabled: [Activity.Soap]);

        Assert.Equal(Date("2026-03-12"), Assert.Single(plan).AnnouncedDate);
    }

    [Fact]
    public void PlannedNextSession_RemindsTheDayBefore_AndHoldsBackMilestonesFromThatDayOn()
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").Build();

        var plan = Plan(timeline, "2026-03-02 11:00", next: Date("2026-03-12"));

        var reminder = Assert.Single(plan, p => p.Kind == ReminderKind.NextSession);
        Assert.Equal(Date("2026-03-12"), reminder.AnnouncedDate);
        Assert.Equal(Date("2026-03-11"), reminder.SendByDate);
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 9, 0, 0, TimeSpan.Zero), reminder.DueAt);
        // The session on the 12th re-imposes soap and swimming: announcing them as lifted would be wrong.
        Assert.DoesNotContain(plan, p => p.Kind == ReminderKind.Milestone && p.AnnouncedDate >= Date("2026-03-12"));
        Assert.Contains(plan, p => p.AnnouncedDate == Date("2026-03-09"));
    }

    [Fact]
    public void PlannedNextSession_TomorrowAfterTheWindow_StillPlannedForToday_NotOnTheDay()
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").Build();

        Assert.Single(Plan(timeline, "2026-03-11 21:00", next: Date("2026-03-12")), p => p.Kind == ReminderKind.NextSession);
        Assert.DoesNotContain(Plan(timeline, "2026-03-12 08:00", next: Date("2026-03-12")), p => p.Kind == ReminderKind.NextSession);
    }

    [Fact]
    public void PlannedNextSession_AlreadyLogged_IsNotRemindedOf()
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").Session("2026-03-16 10:00").Build();

        var plan = Plan(timeline, "2026-03-02 11:00", next: Date("2026-03-16"));

        Assert.DoesNotContain(plan, p => p.Kind == ReminderKind.NextSession);
    }

    [Fact]
    public void NoSessions_OnlyTheNextSessionReminder()
    {
        var timeline = new TimelineBuilder().Build();

        var plan = Plan(timeline, "2026-03-02 11:00", next: Date("2026-03-05"));

        Assert.Equal(ReminderKind.NextSession, Assert.Single(plan).Kind);
    }
}
