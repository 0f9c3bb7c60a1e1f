using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.CheckIns;
using SmpAftercare.Domain.Reminders;
using static SmpAftercare.Domain.Tests.TimelineBuilder;

namespace SmpAftercare.Domain.Tests.CheckIns;

public class CheckInTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);

    private static CheckIn Submit(int day, params string[] signs) =>
        CheckIn.Submit(Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2026, 3, 2), day, 1, signs, null, Now);

    [Fact]
    public void Flaking_OnDay6_IsNormal_WithTheSourcesAnswer()
    {
        var answer = Assert.Single(Submit(6, "flaking").Answers);

        Assert.Equal(SignVerdict.Normal, answer.Verdict);
        Assert.Equal("Flaking on day 6 is normal: let it fall off, don't pick.", answer.Answer);
        Assert.Equal(["002"], answer.SourceIds);
    }

    [Theory]
    [InlineData(2, "redness", false)]
    [InlineData(9, "redness", true)] // the sources give redness 3 to 5 days
    [InlineData(5, "itching", false)]
    [InlineData(20, "itching", true)]
    [InlineData(1, "swelling", true)]
    [InlineData(3, "allergy", true)]
    public void Verdict_DependsOnTheHealingDay(int day, string sign, bool warning) =>
        Assert.Equal(warning, Submit(day, sign).IsWarning);

    [Fact]
    public void Choices_FitTheHealingDay()
    {
        Assert.DoesNotContain(HealingSigns.Flaking, HealingSigns.OfferedOn(0));
        Assert.DoesNotContain(HealingSigns.Bumps, HealingSigns.OfferedOn(3));
        Assert.Contains(HealingSigns.Bumps, HealingSigns.OfferedOn(18));
        Assert.Contains(HealingSigns.Swelling, HealingSigns.OfferedOn(0));
    }

    [Fact]
    public void Warnings_ComeFirst_AndTellTheClientToStopProductsAndCall()
    {
        var checkIn = Submit(6, "flaking", "allergy");

        Assert.Equal(SignVerdict.Warning, checkIn.Answers[0].Verdict);
        Assert.Contains(HealingSigns.WarningAction, checkIn.Answers[0].Answer, StringComparison.Ordinal);
        Assert.True(checkIn.IsOpenAlert);
    }

    [Theory]
    [InlineData(new string[0], "Tick at least one choice")]
    [InlineData(new[] { "fine", "redness" }, "Untick one of them")]
    [InlineData(new[] { "glowing" }, "not one we know")]
    public void Submit_RefusesABrokenCheckIn(string[] signs, string message) =>
        Assert.Contains(message, Assert.Throws<DomainException>(() => Submit(3, signs)).Message, StringComparison.Ordinal);

    [Fact]
    public void MarkSeen_OnlyForWarnings_AndKeepsTheFirst()
    {
        Assert.Throws<DomainException>(() => Submit(6, "flaking").MarkSeen("Ann", null, Now));
        var alert = Submit(2, "swelling");

        Assert.True(alert.MarkSeen("Ann", "Called her", Now));
        Assert.False(alert.MarkSeen("Ben", "Again", Now.AddHours(1)));
        Assert.Equal(("Ann", "Called her", false), (alert.SeenBy, alert.SeenNote, alert.IsOpenAlert));
    }

    [Fact]
    public void Schedule_Default_Day3AfterEachSession_Days7And30AfterTheFinal_DroppingDaysASessionOvertakes()
    {
        // Session 2 comes on day 2 after session 1: session 1's day 3 would ask about the wrong session.
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").Session("2026-03-04 10:00").FinalSession("2026-03-20 10:00").Build();

        var days = CheckInSchedule.Default.Days(timeline);

        Assert.Equal([Date("2026-03-07"), Date("2026-03-23"), Date("2026-03-27"), Date("2026-04-19")], days.Select(d => d.Date));
        Assert.Equal([3, 3, 7, 30], days.Select(d => d.HealingDay));
    }

    [Fact]
    public void Planner_InvitesOnCheckInDays_FromTodayOn_AndNotOnOrAfterAPlannedSession()
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").Build();
        var window = new SendingWindow(new TimeOnly(9, 0), new TimeOnly(20, 0), ClinicTimeZone.FromIanaId("Europe/London"));
        var now = ClinicTimeZone.FromIanaId("Europe/London").ToInstant(Local("2026-03-02 11:00"));
        var schedule = CheckInSchedule.Create([3, 12], []);

        var plan = ReminderPlanner.Plan(timeline, Date("2026-03-10"), [], nextSessionReminders: false, window, now, schedule);

        var invitation = Assert.Single(plan, p => p.Kind == ReminderKind.CheckIn);
        Assert.Equal(Date("2026-03-05"), invitation.AnnouncedDate);
        Assert.Equal(window.OpensOn(Date("2026-03-05")), invitation.DueAt);
    }

    [Fact]
    public void Schedule_RefusesDaysOutOfRange_WithASentence()
    {
        Assert.Equal("Check-in days after each session are between day 1 and day 90.",
            Assert.Throws<DomainException>(() => CheckInSchedule.Create([0], [])).Message);
        Assert.Contains("\"seven\" is not a day number", Assert.Throws<DomainException>(() => CheckInSchedule.ParseDays("seven", "after the final session")).Message, StringComparison.Ordinal);
    }
}
