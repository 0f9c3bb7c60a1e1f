using SmpAftercare.Domain.Aftercare;
using static SmpAftercare.Domain.Tests.TimelineBuilder;

namespace SmpAftercare.Domain.Tests.Aftercare;

public class ImplicationTests
{
    private static ProtocolRule Avoid(Activity activity, RuleAnchor anchor, int from, int to) =>
        ProtocolRule.Avoid(activity, anchor, DayRange.Days(from, to), $"Clinic text for {activity.Code}.", "clinic");

    /// <summary>The default protocol with one activity's rules for one anchor replaced (or dropped when <paramref name="replacement"/> is null).</summary>
    private static Protocol Replace(Activity activity, RuleAnchor anchor, ProtocolRule? replacement) =>
        DefaultProtocol.Smp.With($"Clinic {activity.Code}", rules =>
        {
            var kept = rules.Where(r => !(r.Activity == activity && r.Anchor == anchor)).ToList();
            return replacement is null ? kept : kept.Append(replacement);
        });

    [Fact]
    public void Table_IsClosedAndOnlyPointsAtRestrictions()
    {
        foreach (var implication in Implication.All)
        {
            Assert.NotEqual(implication.Activity, implication.Implied);
            Assert.False(implication.Implied.IsCare, $"{implication} points at care advice");
            foreach (var next in Implication.Of(implication.Implied))
            {
                Assert.True(Implication.Implies(implication.Activity, next.Implied),
                    $"{implication.Activity.Code} implies {implication.Implied.Code}, which implies {next.Implied.Code}: write that line too");
            }
        }

        Assert.Equal(Implication.All.Count, Implication.All.Select(i => (i.Activity, i.Implied)).Distinct().Count());
    }

    [Fact]
    public void IssueExample_DayTwoAfterANonFinalSession_GymWaitsForSweating()
    {
        var timeline = new TimelineBuilder().Session("2026-12-01 10:00").Build();
        var day2 = Date("2026-12-03");

        Assert.Equal(Date("2026-12-08"), timeline.AllowedFrom(Activity.Sweating, day2));
        Assert.Equal(Date("2026-12-08"), timeline.AllowedFrom(Activity.Exercise, day2));
        var gym = timeline.For(day2).Avoid.Single(a => a.Activity == Activity.Exercise);
        Assert.Equal("No gym or heavy exercise yet: it makes you sweat, and sweating is still out.", gym.Instruction);
        Assert.Equal(Date("2026-12-08"), gym.AllowedFrom);
    }

    [Fact]
    public void IssueExample_DryDaysNeverSayRinseWithWater()
    {
        var timeline = new TimelineBuilder().Session("2026-12-01 10:00").Build();

        var day2 = timeline.For(Date("2026-12-03"));
        var soap = day2.Avoid.Single(a => a.Activity == Activity.Soap);
        Assert.Equal(Activity.Wetting, soap.Because!.Implied);
        Assert.DoesNotContain("rinse", soap.Instruction, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Date("2026-12-11"), soap.AllowedFrom);

        // Once the scalp may get wet, the soap rule's own text (rinse with water only) is right, and shown.
        var day4 = timeline.For(Date("2026-12-05")).Avoid.Single(a => a.Activity == Activity.Soap);
        Assert.Null(day4.Because);
        Assert.Equal(DefaultProtocol.Smp.Rules.Single(r => r.Activity == Activity.Soap).Instruction, day4.Instruction);
    }

    public static TheoryData<string, string, int, int> EachImplication()
    {
        // For every line of the table: the implying activity's own rule ends on day 1, the implied one's on day 9,
        // so the activity is allowed from day 10, not day 2.
        var data = new TheoryData<string, string, int, int>();
        foreach (var i in Implication.All.Where(i => !i.Activity.IsCare))
        {
            data.Add(i.Activity.Code, i.Implied.Code, 1, 9);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EachImplication))]
    public void EachImplication_HoldsTheActivityUntilWhatItImpliesIsAllowed(string activityCode, string impliedCode, int ownEnd, int impliedEnd)
    {
        var activity = Activity.FromCode(activityCode);
        var implied = Activity.FromCode(impliedCode);
        var protocol = Protocol.Create("Implication", [Avoid(activity, RuleAnchor.EverySession, 0, ownEnd), Avoid(implied, RuleAnchor.EverySession, 0, impliedEnd)]);
        var timeline = new TimelineBuilder().With(protocol).Session("2026-03-02 10:00").Build();
        var day0 = Date("2026-03-02");

        Assert.Equal(day0.AddDays(impliedEnd + 1), timeline.AllowedFrom(activity, day0));
        Assert.Equal(day0.AddDays(impliedEnd + 1), Assert.Single(timeline.Milestones, m => m.Activity == activity).AllowedFrom);
        Assert.True(timeline.For(day0.AddDays(ownEnd + 1)).Avoids(activity));
        Assert.Equal(implied, timeline.For(day0.AddDays(ownEnd + 1)).Avoid.Single(a => a.Activity == activity).Because!.Implied);
        Assert.False(timeline.For(day0.AddDays(impliedEnd + 1)).Avoids(activity));
    }

    [Fact]
    public void Moisturiser_IsOnlyRecommendedOnceProductsAreAllowed()
    {
        var protocol = Replace(Activity.Products, RuleAnchor.EverySession, Avoid(Activity.Products, RuleAnchor.EverySession, 0, 2));
        var timeline = new TimelineBuilder().With(protocol).Session("2026-03-02 10:00").Build();

        Assert.False(timeline.For(Date("2026-03-04")).Recommends(Activity.Moisturize));
        Assert.True(timeline.For(Date("2026-03-05")).Recommends(Activity.Moisturize));
        var period = Assert.Single(timeline.Recommendations, p => p.Activity == Activity.Moisturize);
        Assert.Equal((Date("2026-03-05"), Date("2026-03-15")), (period.From, period.To));
    }

    [Fact]
    public void FinalSession_ShortGymRule_StillWaitsForSweatingFromEverySession()
    {
        // A clinic lets the gym back on day 3 after the final session; sweating is out to day 6 after every session.
        var protocol = Replace(Activity.Exercise, RuleAnchor.FinalSession, Avoid(Activity.Exercise, RuleAnchor.FinalSession, 0, 2));
        var timeline = new TimelineBuilder().With(protocol)
            .Session("2026-03-02 10:00")
            .FinalSession("2026-03-12 10:00")
            .Build();

        // Between sessions: session 1 holds sweating (and so the gym) to Mar 8; the gym is free Mar 9-11.
        var gym = timeline.Milestones.Where(m => m.Activity == Activity.Exercise).Select(m => m.AllowedFrom).ToList();
        Assert.Equal([Date("2026-03-09"), Date("2026-03-19")], gym);
        Assert.False(timeline.For(Date("2026-03-10")).Avoids(Activity.Exercise));
        // After the final session its own rule ends Mar 14 but sweating runs to Mar 18.
        var onDay3 = timeline.For(Date("2026-03-15")).Avoid.Single(a => a.Activity == Activity.Exercise);
        Assert.Equal(Activity.Sweating, onDay3.Because!.Implied);
        Assert.Equal(2, onDay3.Session.Number);
        Assert.Equal(Date("2026-03-19"), onDay3.AllowedFrom);
    }

    [Fact]
    public void OverlappingSessions_SwimmingWaitsForTheLaterSessionsDryDays()
    {
        // Swimming has no rule between sessions here; a session on day 10 makes the scalp stay dry again.
        var protocol = Replace(Activity.Swimming, RuleAnchor.EverySession, null);
        var timeline = new TimelineBuilder().With(protocol)
            .Session("2026-03-02 10:00")
            .Session("2026-03-12 10:00")
            .Build();

        var swimming = timeline.Milestones.Where(m => m.Activity == Activity.Swimming).Select(m => m.AllowedFrom).ToList();
        Assert.Equal([Date("2026-03-09"), Date("2026-03-19")], swimming);
        Assert.Equal(Activity.Wetting, timeline.For(Date("2026-03-13")).Avoid.Single(a => a.Activity == Activity.Swimming).Because!.Implied);
        Assert.Equal(Activity.Sweating, timeline.For(Date("2026-03-17")).Avoid.Single(a => a.Activity == Activity.Swimming).Because!.Implied);
    }

    public static TheoryData<string> Variations() => [.. ClinicVariations.Keys];

    private static readonly Dictionary<string, Protocol> ClinicVariations = new()
    {
        ["default"] = DefaultProtocol.Smp,
        ["short gym"] = Replace(Activity.Exercise, RuleAnchor.FinalSession, Avoid(Activity.Exercise, RuleAnchor.FinalSession, 0, 2)),
        ["long products"] = Replace(Activity.Products, RuleAnchor.EverySession, Avoid(Activity.Products, RuleAnchor.EverySession, 0, 4)),
        ["five dry days, soap to day 8"] = Replace(Activity.Wetting, RuleAnchor.EverySession, Avoid(Activity.Wetting, RuleAnchor.EverySession, 0, 4))
            .With("soap 8", rules => rules.Select(r => r.Activity == Activity.Soap ? Avoid(Activity.Soap, RuleAnchor.EverySession, 0, 7) : r)),
        ["long sweat, no pools between sessions"] = Replace(Activity.Sweating, RuleAnchor.EverySession, Avoid(Activity.Sweating, RuleAnchor.EverySession, 0, 20))
            .With("no pool rule", rules => rules.Where(r => !(r.Anchor == RuleAnchor.EverySession && (r.Activity == Activity.Swimming || r.Activity == Activity.Sauna)))),
        ["soap before water"] = Replace(Activity.Soap, RuleAnchor.EverySession, Avoid(Activity.Soap, RuleAnchor.EverySession, 0, 1)),
    };

    [Theory]
    [MemberData(nameof(Variations))]
    public void EveryDay_OfDefaultAndClinicVariations_ShowsNoContradiction(string variation)
    {
        var timeline = new TimelineBuilder().With(ClinicVariations[variation])
            .Session("2026-03-02 10:00")
            .Session("2026-03-11 18:00")
            .FinalSession("2026-03-30 09:00")
            .Build();

        Assert.NotEmpty(timeline.Days);
        foreach (var day in timeline.Days)
        {
            Assert.Empty(Contradiction.On(day).Select(c => $"{day.Date}: {c.Message}"));
            var texts = day.Avoid.Concat(day.Recommended).Select(a => a.Instruction).ToList();
            foreach (var (a, b) in TextPairs)
            {
                Assert.False(texts.Any(t => t.Contains(a, StringComparison.OrdinalIgnoreCase)) && texts.Any(t => t.Contains(b, StringComparison.OrdinalIgnoreCase)),
                    $"{day.Date} shows \"{a}\" and \"{b}\": {string.Join(" | ", texts)}");
            }

            // A line held back by something else names a restriction the client can see the same day.
            Assert.All(day.Avoid.Where(a => a.Because is not null), a => Assert.True(day.Avoids(a.Because!.Implied)));
        }
    }

    /// <summary>Phrases of the default texts a client could not follow on the same day.</summary>
    private static readonly (string, string)[] TextPairs =
    [
        ("completely dry", "rinse with warm water"),
        ("put nothing on your scalp", "moisturiser"),
        ("put nothing on your scalp", "sunscreen"),
        ("avoid anything that makes you sweat", "go to the gym"),
    ];
}

public class ProtocolEffectsTests
{
    [Fact]
    public void DefaultProtocol_OnlyTheGymBetweenSessionsWaitsForSweating()
    {
        var overrides = ProtocolEffects.Overrides(DefaultProtocol.Smp);

        var gym = Assert.Single(overrides);
        Assert.Equal((Activity.Exercise, false, 0, (int?)7, Activity.Sweating),
            (gym.Activity, gym.AfterFinalSession, gym.OwnAllowedFromDay, gym.EffectiveAllowedFromDay, gym.Because.Implied));
    }

    [Fact]
    public void ClinicGymRuleShorterThanSweating_ShowsTheEffectiveDayAfterTheFinalSession()
    {
        var protocol = DefaultProtocol.Smp.With("Short gym", rules => rules.Select(r => r.Activity == Activity.Exercise
            ? ProtocolRule.Avoid(Activity.Exercise, RuleAnchor.FinalSession, DayRange.Days(0, 2), "No gym for three days.", "clinic")
            : r));

        var final = Assert.Single(ProtocolEffects.Overrides(protocol), o => o.AfterFinalSession);

        Assert.Equal((Activity.Exercise, 3, (int?)7), (final.Activity, final.OwnAllowedFromDay, final.EffectiveAllowedFromDay));
    }
}
