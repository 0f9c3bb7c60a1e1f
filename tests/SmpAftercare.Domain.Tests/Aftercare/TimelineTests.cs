using SmpAftercare.Domain.Aftercare;
using static SmpAftercare.Domain.Tests.TimelineBuilder;

namespace SmpAftercare.Domain.Tests.Aftercare;

public class TimelineTests
{
    [Fact]
    public void OverlappingSessions_SoapRunsMergeAndTheLaterSessionSetsTheMilestone()
    {
        var second = Guid.NewGuid();
        var timeline = new TimelineBuilder()
            .Session("2026-03-02 10:00")
            .FinalSession("2026-03-09 10:00", second)
            .Build();

        // Session 1 holds soap to Mar 11, session 2 to Mar 18: one unbroken stretch, one milestone.
        var soap = Assert.Single(timeline.Milestones, m => m.Activity == Activity.Soap);
        Assert.Equal(Date("2026-03-19"), soap.AllowedFrom);
        Assert.Equal(second, soap.Session.Id);
        Assert.Equal(2, soap.Session.Number);
    }

    [Fact]
    public void OverlappingSessions_StrictestRuleInForceWins()
    {
        var timeline = new TimelineBuilder()
            .Session("2026-03-02 10:00")
            .FinalSession("2026-03-09 10:00")
            .Build();

        // Mar 9: session 1 is at day 7 (sun allowed by its rule) but session 2 (final) keeps sun off until Apr 7.
        var sun = timeline.For(Date("2026-03-09")).Avoid.Single(a => a.Activity == Activity.Sun);
        Assert.Equal(Date("2026-04-07"), sun.LastDay);
        Assert.Equal(RuleAnchor.FinalSession, sun.Rule.Anchor);
        Assert.Equal(Date("2026-04-08"), Assert.Single(timeline.Milestones, m => m.Activity == Activity.Sun).AllowedFrom);
    }

    [Fact]
    public void LaterSession_ReimposesARestrictionAnEarlierOneHadLifted()
    {
        var timeline = new TimelineBuilder()
            .Session("2026-03-02 10:00")
            .Session("2026-03-16 10:00")
            .Build();

        Assert.False(timeline.For(Date("2026-03-10")).Avoids(Activity.Shaving));
        Assert.True(timeline.For(Date("2026-03-16")).Avoids(Activity.Shaving));

        var shaving = timeline.Milestones.Where(m => m.Activity == Activity.Shaving).ToList();
        Assert.Equal([Date("2026-03-07"), Date("2026-03-21")], shaving.Select(m => m.AllowedFrom));
        Assert.Equal([1, 2], shaving.Select(m => m.Session.Number));
    }

    [Fact]
    public void Milestones_AreInDateOrder()
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").FinalSession("2026-03-16 10:00").Build();

        var dates = timeline.Milestones.Select(m => m.AllowedFrom).ToList();
        Assert.Equal(dates.Order(), dates);
    }

    [Fact]
    public void Days_RunFromFirstSessionToLastMilestone()
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").FinalSession("2026-03-16 10:00").Build();

        Assert.Equal(Date("2026-03-02"), timeline.Days[0].Date);
        Assert.Equal(Date("2026-04-15"), timeline.Days[^1].Date); // final + 30: swimming, sauna and sun
        Assert.Equal(45, timeline.Days.Count);
        Assert.Equal(timeline.Days.Select(d => d.Date), timeline.Days.Select(d => d.Date).Distinct());
    }

    [Fact]
    public void Days_SayOnEveryDateWhatForThatDateSays()
    {
        // Restrictions lift, come back with the second session and end with the final one's month: the day list
        // shares unchanged rule lists between neighbouring days, which must never carry a day's rules into the next.
        // The clinic's variation asks for rest from the day the scalp may get wet again: on that day one rule ends
        // and another starts, so the number of rules in force stays the same while the rules change.
        var protocol = DefaultProtocol.Smp.With("Rest after drying", rules => rules.Append(
            ProtocolRule.Avoid(Activity.Exercise, RuleAnchor.EverySession, DayRange.Days(4, 5), "Rest a little longer.", "clinic")));
        var timeline = new TimelineBuilder()
            .With(protocol)
            .Session("2026-03-02 10:00")
            .Session("2026-03-16 10:00")
            .FinalSession("2026-03-20 18:00")
            .Build();

        foreach (var day in timeline.Days)
        {
            var alone = timeline.For(day.Date);
            Assert.Equal(Describe(alone.Avoid), Describe(day.Avoid));
            Assert.Equal(Describe(alone.Recommended), Describe(day.Recommended));
            Assert.Equal(alone.SessionDays, day.SessionDays);
            Assert.Equal(alone.Phase, day.Phase);
        }

        static string Describe(IEnumerable<ActiveRule> rules) =>
            string.Join("; ", rules.Select(r => $"{r.Activity.Code} to {r.LastDay} by session {r.Session.Number}"));
    }

    [Fact]
    public void SessionDays_CountFromEverySessionLatestFirst()
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").Session("2026-03-16 10:00").Build();

        var day = timeline.For(Date("2026-03-20"));
        Assert.Equal([(2, 4), (1, 18)], day.SessionDays.Select(s => (s.Session.Number, s.Day)));
        Assert.Equal("2nd", day.Latest!.Value.Session.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-01", Phase.BeforeTreatment)]
    [InlineData("2026-03-02", Phase.KeepDry)]
    [InlineData("2026-03-05", Phase.KeepDry)]
    [InlineData("2026-03-06", Phase.WaterOnly)]
    [InlineData("2026-03-11", Phase.WaterOnly)]
    [InlineData("2026-03-12", Phase.ProtectFromSun)]
    [InlineData("2026-03-31", Phase.ProtectFromSun)]
    [InlineData("2026-04-01", Phase.Healed)]
    public void Phase_NamesTheStrictestThingInForce(string date, Phase expected)
    {
        var timeline = new TimelineBuilder().FinalSession("2026-03-02 10:00").Build();

        Assert.Equal(expected, timeline.For(Date(date)).Phase);
    }

    [Fact]
    public void Phase_HealingWhileShavingOrTouchingStillAvoided()
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").With(
            DefaultProtocol.Smp.With("Short soap", rules => rules.Select(r => r.Activity == Activity.Soap
                ? ProtocolRule.Avoid(Activity.Soap, RuleAnchor.EverySession, DayRange.Days(0, 3), r.Instruction, "clinic")
                : r))).Build();

        Assert.Equal(Phase.Healing, timeline.For(Date("2026-03-06")).Phase);
        Assert.Equal("Healing", timeline.For(Date("2026-03-06")).Phase.Name());
        Assert.Equal(Phase.TakeItEasy, timeline.For(Date("2026-03-10")).Phase);
    }

    [Fact]
    public void Session2330LocalWestOfUtc_Day0IsTheLocalDate()
    {
        // 23:30 in Los Angeles is 07:30 UTC the next day; the client's day 0 is still the local date.
        var instant = new DateTimeOffset(2026, 3, 3, 7, 30, 0, TimeSpan.Zero);
        var timeline = AftercareTimeline.Build(DefaultProtocol.Smp,
            [new TimelineSession(Guid.NewGuid(), instant, false)], "America/Los_Angeles");

        Assert.Equal(Date("2026-03-02"), timeline.Sessions[0].Day0);
        Assert.Equal(Date("2026-03-06"), timeline.Milestones.Single(m => m.Activity == Activity.Wetting).AllowedFrom);
        Assert.Equal(0, timeline.At(instant.AddMinutes(20)).Latest!.Value.Day);
    }

    [Fact]
    public void SessionsAcrossSpringForward_DayCountIsByCalendarDate()
    {
        // New York springs forward on 8 Mar 2026 at 02:00; the late session is on the far side of it.
        var timeline = new TimelineBuilder().InZone("America/New_York")
            .Session("2026-03-07 23:30")
            .Session("2026-03-15 00:30")
            .Build();

        Assert.Equal([Date("2026-03-07"), Date("2026-03-15")], timeline.Sessions.Select(s => s.Day0));
        var wetting = timeline.Milestones.Where(m => m.Activity == Activity.Wetting).Select(m => m.AllowedFrom);
        Assert.Equal([Date("2026-03-11"), Date("2026-03-19")], wetting);
        // 00:30 local on 11 Mar is 04:30 UTC (EDT, UTC-4): already day 4.
        Assert.Equal(4, timeline.At(new DateTimeOffset(2026, 3, 11, 4, 30, 0, TimeSpan.Zero)).Latest!.Value.Day);
    }

    [Fact]
    public void SessionBeforeFallBack_Day4IsFourCalendarDaysLater()
    {
        // London falls back on 25 Oct 2026: day 4 is 27 Oct (not shifted by the extra hour) and starts at 00:00 GMT.
        var timeline = new TimelineBuilder().InZone("Europe/London").Session("2026-10-24 23:30").Build();

        Assert.Equal(Date("2026-10-24"), timeline.Sessions[0].Day0);
        Assert.True(timeline.At(new DateTimeOffset(2026, 10, 27, 23, 59, 0, TimeSpan.Zero)).Avoids(Activity.Wetting));
        Assert.False(timeline.At(new DateTimeOffset(2026, 10, 28, 0, 0, 0, TimeSpan.Zero)).Avoids(Activity.Wetting));
    }

    [Fact]
    public void OpenEndedAvoidRule_HasNoMilestoneAndNeverLifts()
    {
        var noSunbeds = DefaultProtocol.Smp.With("No sun ever", rules => rules.Where(r => r.Activity != Activity.Sun)
            .Append(ProtocolRule.Avoid(Activity.Sun, RuleAnchor.FinalSession, DayRange.Onwards(0), "No sunbeds, ever.", "clinic")));
        var timeline = new TimelineBuilder().With(noSunbeds).FinalSession("2026-03-02 10:00").Build();

        Assert.DoesNotContain(timeline.Milestones, m => m.Activity == Activity.Sun);
        Assert.Null(timeline.AllowedFrom(Activity.Sun, Date("2026-03-02")));
        Assert.True(timeline.For(Date("2030-01-01")).Avoids(Activity.Sun));
        Assert.Null(timeline.For(Date("2030-01-01")).Avoid.Single(a => a.Activity == Activity.Sun).AllowedFrom);
    }

    [Fact]
    public void ClinicProtocol_ShorterSoapRuleMovesTheMilestone()
    {
        var shortSoap = DefaultProtocol.Smp.With("Clinic", rules => rules.Select(r => r.Activity == Activity.Soap
            ? ProtocolRule.Create("soap", RuleKind.Avoid, RuleAnchor.EverySession, 0, 7, "Water only until day 8.", "Clinic practice")
            : r));
        var timeline = new TimelineBuilder().With(shortSoap).Session("2026-03-02 10:00").Build();

        Assert.Equal(Date("2026-03-10"), timeline.Milestones.Single(m => m.Activity == Activity.Soap).AllowedFrom);
        Assert.Equal("Water only until day 8.", timeline.For(Date("2026-03-05")).Avoid.Single(a => a.Activity == Activity.Soap).Rule.Instruction);
    }

    [Theory]
    [InlineData("2026-03-07 10:00", 5)]
    [InlineData("2026-03-08 09:00", 6)]
    public void SpacingWarning_WhenNextSessionWithinSevenDays(string next, int daysApart)
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").Session(next).Build();

        var warning = Assert.Single(timeline.Warnings);
        Assert.Equal(daysApart, warning.DaysApart);
        Assert.Equal(2, warning.Next.Number);
        Assert.Contains("at least 7 days", warning.Message);
    }

    [Fact]
    public void WarningsFor_NamesOnlyTheWarningsASessionTakesPartIn()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var third = Guid.NewGuid();
        var timeline = new TimelineBuilder()
            .Session("2026-03-02 10:00", first).Session("2026-03-05 10:00", second).Session("2026-03-30 10:00", third).Build();

        Assert.Single(timeline.WarningsFor(first));
        Assert.Single(timeline.WarningsFor(second));
        Assert.Empty(timeline.WarningsFor(third));
    }

    [Fact]
    public void SpacingWarning_NoneWhenSevenDaysApart()
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 23:00").Session("2026-03-09 08:00").Build();

        Assert.Empty(timeline.Warnings);
    }

    [Fact]
    public void NoSessions_EmptyTimeline()
    {
        var timeline = AftercareTimeline.Build(DefaultProtocol.Smp, [], "Europe/London");

        Assert.Empty(timeline.Days);
        Assert.Empty(timeline.Milestones);
        Assert.Equal(Phase.BeforeTreatment, timeline.For(Date("2026-03-02")).Phase);
    }

    [Fact]
    public void Sessions_GivenOutOfOrder_AreNumberedByTime()
    {
        var zone = ClinicTimeZone.FromIanaId("Europe/London");
        var early = new TimelineSession(Guid.NewGuid(), zone.ToInstant(Local("2026-03-02 10:00")), false);
        var late = new TimelineSession(Guid.NewGuid(), zone.ToInstant(Local("2026-03-16 10:00")), true);

        var timeline = AftercareTimeline.Build(DefaultProtocol.Smp, [late, early], zone);

        Assert.Equal([early.Id, late.Id], timeline.Sessions.Select(s => s.Id));
    }

    [Fact]
    public void SessionWithItsOwnProtocolVersion_KeepsThatVersionsRules()
    {
        var zone = ClinicTimeZone.FromIanaId("Europe/London");
        var shortSoap = DefaultProtocol.Smp.With("v2", rules => rules.Select(r => r.Activity == Activity.Soap
            ? ProtocolRule.Avoid(Activity.Soap, RuleAnchor.EverySession, DayRange.Days(0, 7), r.Instruction, "clinic v2")
            : r));
        var first = new TimelineSession(Guid.NewGuid(), zone.ToInstant(Local("2026-03-02 10:00")), false);
        var second = new TimelineSession(Guid.NewGuid(), zone.ToInstant(Local("2026-03-30 10:00")), false, shortSoap);

        var timeline = AftercareTimeline.Build(DefaultProtocol.Smp, [first, second], zone);

        // Session 1 (default protocol): soap from day 10. Session 2 (v2): soap from day 8.
        Assert.Equal([Date("2026-03-12"), Date("2026-04-07")],
            timeline.Milestones.Where(m => m.Activity == Activity.Soap).Select(m => m.AllowedFrom));
    }
}
