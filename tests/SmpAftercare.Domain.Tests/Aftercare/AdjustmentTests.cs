using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using static SmpAftercare.Domain.Tests.TimelineBuilder;

namespace SmpAftercare.Domain.Tests.Aftercare;

public class AdjustmentTests
{
    private static readonly ClinicTimeZone London = ClinicTimeZone.FromIanaId("Europe/London");

    private static TimelineSession At(string local, Guid id, bool final = false, Protocol? protocol = null) =>
        new(id, London.ToInstant(Local(local)), final, protocol);

    [Fact]
    public void LongerSauna_FromTheSecondSession_LeavesTheFirstAloneAndHoldsForLaterOnes()
    {
        Guid s1 = Guid.NewGuid(), s2 = Guid.NewGuid(), s3 = Guid.NewGuid();
        var sessions = new[] { At("2026-03-02 10:00", s1), At("2026-03-23 10:00", s2), At("2026-04-13 10:00", s3) };
        var sauna = new RuleAdjustment(s2, Activity.Sauna, RuleAnchor.EverySession, DayRange.Days(0, 16), "no sauna for 17 days after each session.");

        var timeline = AftercareTimeline.Build(DefaultProtocol.Smp, sessions, London, [sauna]);

        var dates = timeline.Milestones.Where(m => m.Activity == Activity.Sauna).Select(m => m.AllowedFrom).ToList();
        Assert.Equal([Date("2026-03-16"), Date("2026-04-09"), Date("2026-04-30")], dates);
        var onDay15 = timeline.For(Date("2026-04-07")).Avoid.Single(a => a.Activity == Activity.Sauna);
        Assert.Equal("Adjusted for you by your technician: no sauna for 17 days after each session.", onDay15.Rule.AdjustedNote);
        Assert.Null(timeline.For(Date("2026-03-03")).Avoid.Single(a => a.Activity == Activity.Sauna).Rule.AdjustedNote);
    }

    [Fact]
    public void GentleCleanser_SwitchedOn_RecommendedFromDayFourButNeverWhileTheScalpMustStayDry()
    {
        var s1 = Guid.NewGuid();
        var fiveDryDays = DefaultProtocol.Smp.With("Five dry days", rules => rules.Select(r => r.Activity == Activity.Wetting
            ? ProtocolRule.Avoid(Activity.Wetting, RuleAnchor.EverySession, DayRange.Days(0, 4), r.Instruction, "clinic")
            : r));
        var cleanser = new RuleAdjustment(s1, Activity.Cleanser, RuleAnchor.EverySession, DayRange.Days(4, 9), "a gentle cleanser is fine from day 4.");

        var standard = AftercareTimeline.Build(DefaultProtocol.Smp, [At("2026-03-02 10:00", s1)], London, [cleanser]);
        var dry = AftercareTimeline.Build(fiveDryDays, [At("2026-03-02 10:00", s1)], London, [cleanser]);

        Assert.Equal((Date("2026-03-06"), (DateOnly?)Date("2026-03-11")), standard.Recommendations.Where(p => p.Activity == Activity.Cleanser).Select(p => (p.From, p.To)).Single());
        Assert.Equal(Date("2026-03-07"), dry.Recommendations.Single(p => p.Activity == Activity.Cleanser).From);
        var shown = standard.For(Date("2026-03-06")).Recommended.Single(r => r.Activity == Activity.Cleanser);
        Assert.Equal("Adjusted for you by your technician: a gentle cleanser is fine from day 4.", shown.Rule.AdjustedNote);
        Assert.All(dry.Days, d => Assert.Empty(Contradiction.On(d)));
    }

    [Fact]
    public void ShorterSoap_AppliesAcrossProtocolVersionsFromItsSession()
    {
        Guid s1 = Guid.NewGuid(), s2 = Guid.NewGuid();
        var v2 = DefaultProtocol.Smp.With("v2", rules => rules.Select(r => r.Activity == Activity.Soap
            ? ProtocolRule.Avoid(Activity.Soap, RuleAnchor.EverySession, DayRange.Days(0, 11), r.Instruction, "clinic")
            : r));
        var sessions = new[] { At("2026-03-02 10:00", s1, protocol: DefaultProtocol.Smp), At("2026-03-30 10:00", s2, final: true, protocol: v2) };
        var soap = new RuleAdjustment(s1, Activity.Soap, RuleAnchor.EverySession, DayRange.Days(0, 7), "soap is fine from day 8.");

        var timeline = AftercareTimeline.Build(DefaultProtocol.Smp, sessions, London, [soap]);

        Assert.Equal([Date("2026-03-10"), Date("2026-04-07")], timeline.Milestones.Where(m => m.Activity == Activity.Soap).Select(m => m.AllowedFrom));
    }

    [Fact]
    public void LaterAdjustmentOfTheSameRuleWins_AndOneForAnUnknownSessionIsIgnored()
    {
        var s1 = Guid.NewGuid();
        var timeline = AftercareTimeline.Build(DefaultProtocol.Smp, [At("2026-03-02 10:00", s1)], London,
        [
            new RuleAdjustment(s1, Activity.Sauna, RuleAnchor.EverySession, DayRange.Days(0, 20), "first."),
            new RuleAdjustment(s1, Activity.Sauna, RuleAnchor.EverySession, DayRange.Days(0, 16), "second."),
            new RuleAdjustment(Guid.NewGuid(), Activity.Swimming, RuleAnchor.EverySession, DayRange.Days(0, 40), "deleted session."),
        ]);

        Assert.Equal(Date("2026-03-19"), timeline.Milestones.Single(m => m.Activity == Activity.Sauna).AllowedFrom);
        Assert.Equal(Date("2026-03-16"), timeline.Milestones.Single(m => m.Activity == Activity.Swimming).AllowedFrom);
    }

    private static (Client Client, TreatmentSession Session) ClientWithSession()
    {
        var now = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);
        var client = Client.Create(Guid.NewGuid(), new ClientDetails("Alex", null, null, ContactChannel.None, false, false, null, null, false, null), "GB", now);
        var session = TreatmentSession.Log(client, Guid.NewGuid(), new SessionDetails(now, null, "Robin", false, null, null, null, null), [], now);
        return (client, session);
    }

    [Theory]
    [InlineData("soap", 7, null)]
    [InlineData("soap", 6, "at most 2 days early: the last day to avoid can be day 7 at the earliest")]
    [InlineData("soap", 40, "at most 30 days longer: the last day to avoid can be day 39 at the latest")]
    [InlineData("soap", 9, "already the protocol's last day")]
    [InlineData("exercise", 20, "no rule for heavy exercise after every session")]
    public void Create_RestrictionsMoveOnlyWithinTheClinicsLimits(string code, int toDay, string? problem)
    {
        var (client, session) = ClientWithSession();

        ClientRuleAdjustment Make() => ClientRuleAdjustment.Create(client, session, DefaultProtocol.Smp, Activity.FromCode(code), RuleAnchor.EverySession,
            0, toDay, "a note.", "Very oily scalp", "Robin", AdjustmentLimits.Default, DateTime.UtcNow);

        if (problem is null)
        {
            var made = Make();
            Assert.Equal((0, toDay, "Robin", "Very oily scalp"), (made.FromDay, made.ToDay, made.AdjustedBy, made.Reason));
            Assert.Equal(DayRange.Days(0, toDay), made.ToEngine().Days);
        }
        else
        {
            Assert.Contains(problem, Assert.Throws<DomainException>(Make).Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(4, null)]
    [InlineData(3, "at most 5 days early: the last day to avoid can be day 4 at the earliest")]
    [InlineData(12, null)]
    [InlineData(13, "at most 3 days longer: the last day to avoid can be day 12 at the latest")]
    public void Create_UsesTheLimitsItIsGiven_NotTheDefaults(int toDay, string? problem)
    {
        var (client, session) = ClientWithSession();
        var clinics = new AdjustmentLimits(5, 3);

        ClientRuleAdjustment Make() => ClientRuleAdjustment.Create(client, session, DefaultProtocol.Smp, Activity.Soap, RuleAnchor.EverySession,
            0, toDay, "a note.", "Very oily scalp", "Robin", clinics, DateTime.UtcNow);

        if (problem is null)
        {
            Assert.Equal(toDay, Make().ToDay);
        }
        else
        {
            Assert.Contains(problem, Assert.Throws<DomainException>(Make).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void IsOutside_AnAdjustmentSavedUnderWiderLimits_IsOutsideNarrowerOnes_AndStillApplies()
    {
        var (client, session) = ClientWithSession();
        var longer = ClientRuleAdjustment.Create(client, session, DefaultProtocol.Smp, Activity.Soap, RuleAnchor.EverySession,
            0, 29, "no soap until day 30.", "Very oily scalp", "Robin", AdjustmentLimits.Default, DateTime.UtcNow);
        var cleanser = ClientRuleAdjustment.Create(client, session, DefaultProtocol.Smp, Activity.Cleanser, RuleAnchor.EverySession,
            4, 9, "fine from day 4.", "Dry scalp", "Robin", AdjustmentLimits.Default, DateTime.UtcNow);

        Assert.False(longer.IsOutside(AdjustmentLimits.Default, DefaultProtocol.Smp));
        Assert.True(longer.IsOutside(new AdjustmentLimits(2, 10), DefaultProtocol.Smp));
        Assert.False(cleanser.IsOutside(new AdjustmentLimits(0, 0), DefaultProtocol.Smp));
        // Narrower limits do not touch what the client reads: the engine applies the saved adjustment as it is.
        Assert.Equal(DayRange.Days(0, 29), longer.ToEngine().Days);
    }

    [Fact]
    public void Create_NeedsAReasonANoteAndTheClientsOwnSession()
    {
        var (client, session) = ClientWithSession();
        var (other, _) = ClientWithSession();

        Assert.Throws<DomainException>(() => ClientRuleAdjustment.Create(client, session, DefaultProtocol.Smp, Activity.Cleanser, RuleAnchor.EverySession, 4, 9, "fine from day 4.", " ", "Robin", AdjustmentLimits.Default, DateTime.UtcNow));
        Assert.Throws<DomainException>(() => ClientRuleAdjustment.Create(client, session, DefaultProtocol.Smp, Activity.Cleanser, RuleAnchor.EverySession, 4, 9, "", "Dry scalp", "Robin", AdjustmentLimits.Default, DateTime.UtcNow));
        Assert.Throws<DomainException>(() => ClientRuleAdjustment.Create(other, session, DefaultProtocol.Smp, Activity.Cleanser, RuleAnchor.EverySession, 4, 9, "fine.", "Dry scalp", "Robin", AdjustmentLimits.Default, DateTime.UtcNow));
        Assert.Throws<DomainException>(() => ClientRuleAdjustment.Create(client, session, DefaultProtocol.Smp, Activity.Cleanser, RuleAnchor.EverySession, 9, 4, "fine.", "Dry scalp", "Robin", AdjustmentLimits.Default, DateTime.UtcNow));
        var cleanser = ClientRuleAdjustment.Create(client, session, DefaultProtocol.Smp, Activity.Cleanser, RuleAnchor.EverySession, 4, 9, "fine from day 4.", "Dry scalp", "Robin", AdjustmentLimits.Default, DateTime.UtcNow);
        Assert.Equal(DayRange.Days(4, 9), cleanser.ToEngine().Days);
    }
}
