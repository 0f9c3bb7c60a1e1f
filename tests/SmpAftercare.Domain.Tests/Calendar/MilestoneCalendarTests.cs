using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Calendar;
using SmpAftercare.Tests.Calendar;
using static SmpAftercare.Domain.Tests.TimelineBuilder;

namespace SmpAftercare.Domain.Tests.Calendar;

public class MilestoneCalendarTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Events_OnePerMilestoneDate_GroupingActivitiesOfTheSameDay()
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").Build();

        var events = MilestoneCalendar.Events(timeline, Guid.NewGuid());

        Assert.Equal(timeline.Milestones.Select(m => m.AllowedFrom).Distinct(), events.Select(e => e.Date));
        Assert.Equal("You can shave again", events.Single(e => e.Date == Date("2026-03-07")).Summary);
        Assert.Equal("Swimming and sauna are OK again", events.Single(e => e.Date == Date("2026-03-16")).Summary);
        Assert.Equal("Touching your scalp, sweating, heavy exercise and direct sun are OK again", events.Single(e => e.Date == Date("2026-03-09")).Summary);
        Assert.Equal("You can go swimming again.\nSauna and steam room are OK again.", events.Single(e => e.Date == Date("2026-03-16")).Description);
    }

    [Fact]
    public void Write_TwoSessions_ParsesAndMatchesTheEngineMilestones()
    {
        var client = Guid.NewGuid();
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").FinalSession("2026-03-16 10:00").Build();

        var calendar = IcsValidator.Parse(MilestoneCalendar.Write(timeline, client, "Aftercare with Northside SMP", Stamp));

        var byDate = calendar.Components.ToDictionary(e => IcsValidator.Date(e.One("DTSTART")));
        Assert.Equal(timeline.Milestones.Select(m => m.AllowedFrom).Distinct().Order(), byDate.Keys.Order());
        foreach (var milestone in timeline.Milestones)
        {
            var e = byDate[milestone.AllowedFrom];
            Assert.Contains(milestone.Activity.AllowedAgain, e.Text("DESCRIPTION"), StringComparison.Ordinal);
            Assert.Equal(milestone.AllowedFrom.AddDays(1), IcsValidator.Date(e.One("DTEND")));
            Assert.Equal(MilestoneCalendar.Uid(client, milestone.AllowedFrom), e.Text("UID"));
        }

        // The final session's month-long rules: swimming, sauna and sun all lift on 15 April.
        Assert.Equal("Swimming, sauna and direct sun are OK again", byDate[Date("2026-04-15")].Text("SUMMARY"));
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
    public void Events_NoSession_IsAnEmptyButValidCalendar()
    {
        var timeline = new TimelineBuilder().Build();

        var calendar = IcsValidator.Parse(MilestoneCalendar.Write(timeline, Guid.NewGuid(), "Aftercare", Stamp));

        Assert.Empty(calendar.Components);
    }
}
