using SmpAftercare.Domain.Aftercare;
using static SmpAftercare.Domain.Tests.TimelineBuilder;

namespace SmpAftercare.Domain.Tests.Aftercare;

public class DefaultProtocolTests
{
    private const string Day0 = "2026-03-02";

    [Theory]
    // activity, kind, anchor, first day, last day (-1 = open-ended): the default table, row by row.
    [InlineData("wetting", RuleKind.Avoid, RuleAnchor.EverySession, 0, 3)]
    [InlineData("soap", RuleKind.Avoid, RuleAnchor.EverySession, 0, 9)]
    [InlineData("products", RuleKind.Avoid, RuleAnchor.EverySession, 0, 0)]
    [InlineData("shaving", RuleKind.Avoid, RuleAnchor.EverySession, 0, 4)]
    [InlineData("touching", RuleKind.Avoid, RuleAnchor.EverySession, 0, 6)]
    [InlineData("sweating", RuleKind.Avoid, RuleAnchor.EverySession, 0, 6)]
    [InlineData("sun", RuleKind.Avoid, RuleAnchor.EverySession, 0, 6)]
    [InlineData("swimming", RuleKind.Avoid, RuleAnchor.EverySession, 0, 13)]
    [InlineData("sauna", RuleKind.Avoid, RuleAnchor.EverySession, 0, 13)]
    [InlineData("exercise", RuleKind.Avoid, RuleAnchor.FinalSession, 0, 13)]
    [InlineData("swimming", RuleKind.Avoid, RuleAnchor.FinalSession, 0, 29)]
    [InlineData("sauna", RuleKind.Avoid, RuleAnchor.FinalSession, 0, 29)]
    [InlineData("sun", RuleKind.Avoid, RuleAnchor.FinalSession, 0, 29)]
    [InlineData("moisturize", RuleKind.Recommend, RuleAnchor.EverySession, 1, 13)]
    [InlineData("sunscreen", RuleKind.Recommend, RuleAnchor.FinalSession, 30, -1)]
    public void Smp_ContainsEachRowOfTheDefaultTable(string code, RuleKind kind, RuleAnchor anchor, int from, int to)
    {
        var matches = DefaultProtocol.Smp.Rules.Where(r =>
            r.Activity.Code == code && r.Kind == kind && r.Anchor == anchor &&
            r.Days.From == from && r.Days.To == (to < 0 ? null : to)).ToList();

        var rule = Assert.Single(matches);
        Assert.False(string.IsNullOrWhiteSpace(rule.Instruction));
        Assert.False(string.IsNullOrWhiteSpace(rule.Source));
    }

    [Fact]
    public void Smp_HasExactlyTheFifteenRowsOfTheTable() => Assert.Equal(15, DefaultProtocol.Smp.Rules.Count);

    [Theory]
    // A single session that is not final: every-session rules only.
    [InlineData("wetting", 4)]
    [InlineData("soap", 10)]
    [InlineData("products", 1)]
    [InlineData("shaving", 5)]
    [InlineData("touching", 7)]
    [InlineData("sweating", 7)]
    [InlineData("sun", 7)]
    [InlineData("swimming", 14)]
    [InlineData("sauna", 14)]
    public void SingleSession_ActivityAvoidedUntilItsDayThenAllowed(string code, int allowedFromDay)
    {
        var timeline = new TimelineBuilder().Session($"{Day0} 10:00").Build();
        var activity = Activity.FromCode(code);
        var day0 = Date(Day0);

        for (var n = 0; n < allowedFromDay; n++)
        {
            Assert.True(timeline.For(day0.AddDays(n)).Avoids(activity), $"{code} should be avoided on day {n}");
        }

        Assert.False(timeline.For(day0.AddDays(allowedFromDay)).Avoids(activity), $"{code} should be allowed on day {allowedFromDay}");
        var milestone = Assert.Single(timeline.Milestones, m => m.Activity == activity);
        Assert.Equal(day0.AddDays(allowedFromDay), milestone.AllowedFrom);
        Assert.Equal(day0.AddDays(allowedFromDay), timeline.AllowedFrom(activity, day0));
    }

    [Fact]
    public void SingleSession_NotFinal_ExerciseHasNoRuleOfItsOwnButWaitsForSweating()
    {
        var timeline = new TimelineBuilder().Session($"{Day0} 10:00").Build();
        var day0 = Date(Day0);

        var gym = timeline.For(day0.AddDays(2)).Avoid.Single(a => a.Activity == Activity.Exercise);
        Assert.Equal(Activity.Sweating, gym.Because!.Implied);
        Assert.Equal(Activity.Sweating, gym.Rule.Activity);
        Assert.Equal(day0.AddDays(7), timeline.AllowedFrom(Activity.Exercise, day0.AddDays(2)));
        Assert.Equal(day0.AddDays(7), Assert.Single(timeline.Milestones, m => m.Activity == Activity.Exercise).AllowedFrom);
        Assert.False(timeline.For(day0.AddDays(7)).Avoids(Activity.Exercise));
    }

    [Theory]
    // The final session adds its own, longer rules.
    [InlineData("wetting", 4)]
    [InlineData("soap", 10)]
    [InlineData("shaving", 5)]
    [InlineData("exercise", 14)]
    [InlineData("swimming", 30)]
    [InlineData("sauna", 30)]
    [InlineData("sun", 30)]
    public void FinalSession_ActivityAllowedFromItsDay(string code, int allowedFromDay)
    {
        var timeline = new TimelineBuilder().FinalSession($"{Day0} 10:00").Build();
        var activity = Activity.FromCode(code);
        var day0 = Date(Day0);

        Assert.True(timeline.For(day0.AddDays(allowedFromDay - 1)).Avoids(activity));
        Assert.False(timeline.For(day0.AddDays(allowedFromDay)).Avoids(activity));
        Assert.Equal(day0.AddDays(allowedFromDay), Assert.Single(timeline.Milestones, m => m.Activity == activity).AllowedFrom);
    }

    [Fact]
    public void Moisturize_RecommendedDays1To13AfterEverySession()
    {
        var timeline = new TimelineBuilder().Session($"{Day0} 10:00").Build();
        var day0 = Date(Day0);

        Assert.False(timeline.For(day0).Recommends(Activity.Moisturize));
        Assert.True(timeline.For(day0.AddDays(1)).Recommends(Activity.Moisturize));
        Assert.True(timeline.For(day0.AddDays(13)).Recommends(Activity.Moisturize));
        Assert.False(timeline.For(day0.AddDays(14)).Recommends(Activity.Moisturize));
    }

    [Fact]
    public void Sunscreen_RecommendedFromDay30AfterFinalSessionForGood()
    {
        var timeline = new TimelineBuilder().FinalSession($"{Day0} 10:00").Build();
        var day0 = Date(Day0);

        Assert.False(timeline.For(day0.AddDays(29)).Recommends(Activity.Sunscreen));
        var day30 = timeline.For(day0.AddDays(30)).Recommended.Single(r => r.Activity == Activity.Sunscreen);
        Assert.Null(day30.LastDay);
        Assert.True(timeline.For(day0.AddDays(3000)).Recommends(Activity.Sunscreen));
    }

    [Fact]
    public void Sunscreen_NotRecommendedWithoutAFinalSession()
    {
        var timeline = new TimelineBuilder().Session($"{Day0} 10:00").Build();

        Assert.False(timeline.For(Date(Day0).AddDays(40)).Recommends(Activity.Sunscreen));
    }
}
