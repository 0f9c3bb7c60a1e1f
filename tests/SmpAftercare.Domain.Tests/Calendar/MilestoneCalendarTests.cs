using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Calendar;
using static SmpAftercare.Domain.Tests.TimelineBuilder;

namespace SmpAftercare.Domain.Tests.Calendar;

public class MilestoneCalendarTests
{
    private static readonly DateOnly SessionDay = new(2026, 3, 2);

    [Fact]
    public void Events_OnePerMilestoneDate_GroupingActivitiesOfTheSameDay()
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").Build();

        var events = MilestoneCalendar.Events(timeline, Guid.NewGuid(), SessionDay);

        Assert.Equal(timeline.Milestones.Select(m => m.AllowedFrom).Distinct(), events.Select(e => e.Date));
        Assert.Equal("You can shave again", events.Single(e => e.Date == Date("2026-03-07")).Summary);
        Assert.Equal("Swimming and sauna are OK again", events.Single(e => e.Date == Date("2026-03-16")).Summary);
        Assert.Equal("Touching your scalp, sweating, heavy exercise and direct sun are OK again", events.Single(e => e.Date == Date("2026-03-09")).Summary);
        Assert.Equal("You can go swimming again.\nSauna and steam room are OK again.", events.Single(e => e.Date == Date("2026-03-16")).Description);
    }

    [Fact]
    public void Events_TwoSessions_MatchTheEngineMilestonesWithStableUids()
    {
        var client = Guid.NewGuid();
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").FinalSession("2026-03-16 10:00").Build();

        var byDate = MilestoneCalendar.Events(timeline, client, SessionDay).ToDictionary(e => e.Date);

        Assert.Equal(timeline.Milestones.Select(m => m.AllowedFrom).Distinct().Order(), byDate.Keys.Order());
        foreach (var milestone in timeline.Milestones)
        {
            Assert.Contains(milestone.Activity.AllowedAgain, byDate[milestone.AllowedFrom].Description, StringComparison.Ordinal);
            Assert.Equal(MilestoneCalendar.Uid(client, milestone.AllowedFrom), byDate[milestone.AllowedFrom].Uid);
        }

        // The final session's month-long rules: swimming, sauna and sun all lift on 15 April.
        Assert.Equal("Swimming, sauna and direct sun are OK again", byDate[Date("2026-04-15")].Summary);
    }

    [Fact]
    public void Events_FromToday_LeaveOutMilestonesAlreadyPast_AndKeepTodays()
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").Build();
        var today = Date("2026-03-09");

        var events = MilestoneCalendar.Events(timeline, Guid.NewGuid(), today);

        Assert.Equal(timeline.Milestones.Select(m => m.AllowedFrom).Where(d => d >= today).Distinct().Order(), events.Select(e => e.Date));
        Assert.Equal(today, events[0].Date);
        Assert.Contains(timeline.Milestones, m => m.AllowedFrom < today);
        Assert.Empty(MilestoneCalendar.Events(timeline, Guid.NewGuid(), timeline.Milestones.Max(m => m.AllowedFrom).AddDays(1)));
    }

    [Fact]
    public void Uid_SameClientAndDate_IsStableAndDiffersBetweenClients()
    {
        var client = Guid.NewGuid();
        var day = Date("2026-03-07");

        Assert.Equal(MilestoneCalendar.Uid(client, day), MilestoneCalendar.Uid(client, day));
        Assert.NotEqual(MilestoneCalendar.Uid(client, day), MilestoneCalendar.Uid(Guid.NewGuid(), day));
        Assert.NotEqual(MilestoneCalendar.Uid(client, day), MilestoneCalendar.Uid(client, day.AddDays(1)));
    }

    [Fact]
    public void Events_NoSession_IsEmpty()
    {
        Assert.Empty(MilestoneCalendar.Events(new TimelineBuilder().Build(), Guid.NewGuid(), SessionDay));
    }
}
