using SmpAftercare.Domain.Aftercare;
using static SmpAftercare.Domain.Tests.TimelineBuilder;

namespace SmpAftercare.Domain.Tests.Aftercare;

public class InvalidInputTests
{
    [Fact]
    public void Rule_EndBeforeStart_Refused()
    {
        var error = Assert.Throws<DomainException>(() =>
            ProtocolRule.Create("soap", RuleKind.Avoid, RuleAnchor.EverySession, 5, 3, "No soap.", "clinic"));

        Assert.Contains("cannot end (day 3) before it starts (day 5)", error.Message);
    }

    [Theory]
    [InlineData(-1, 3)]
    [InlineData(0, 4000)]
    public void Rule_DayOutOfRange_Refused(int from, int to) =>
        Assert.Throws<DomainException>(() => DayRange.Days(from, to));

    [Theory]
    [InlineData("tanning")]
    [InlineData("")]
    [InlineData(null)]
    public void Rule_UnknownActivity_Refused(string? code)
    {
        var error = Assert.Throws<DomainException>(() =>
            ProtocolRule.Create(code!, RuleKind.Avoid, RuleAnchor.EverySession, 0, 3, "Avoid it.", "clinic"));

        Assert.Contains("Unknown activity", error.Message);
        Assert.Contains("wetting", error.Message);
    }

    [Fact]
    public void Rule_AvoidingCareAdvice_Refused() =>
        Assert.Throws<DomainException>(() =>
            ProtocolRule.Create("moisturize", RuleKind.Avoid, RuleAnchor.EverySession, 0, 3, "Do not moisturise.", "clinic"));

    [Fact]
    public void Rule_RecommendingARestriction_Refused() =>
        Assert.Throws<DomainException>(() =>
            ProtocolRule.Create("sauna", RuleKind.Recommend, RuleAnchor.EverySession, 0, 3, "Go to the sauna.", "clinic"));

    [Theory]
    [InlineData("", "clinic")]
    [InlineData("Keep dry.", " ")]
    public void Rule_MissingInstructionOrSource_Refused(string instruction, string source) =>
        Assert.Throws<DomainException>(() =>
            ProtocolRule.Create("wetting", RuleKind.Avoid, RuleAnchor.EverySession, 0, 3, instruction, source));

    [Fact]
    public void Protocol_WithoutRules_Refused() =>
        Assert.Throws<DomainException>(() => Protocol.Create("Empty", []));

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("Pacific Standard Time")]
    public void TimeZone_NotAnIanaZone_Refused(string id)
    {
        var error = Assert.Throws<DomainException>(() =>
            AftercareTimeline.Build(DefaultProtocol.Smp, new TimelineBuilder().Session("2026-03-02 10:00").Sessions(), id));

        Assert.Contains("not a known IANA time zone", error.Message);
    }

    [Fact]
    public void Sessions_AtTheSameMoment_Refused()
    {
        // The same instant written with two offsets is still the same moment.
        var a = new TimelineSession(Guid.NewGuid(), new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), false);
        var b = new TimelineSession(Guid.NewGuid(), new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.FromHours(1)), false);

        var error = Assert.Throws<DomainException>(() => AftercareTimeline.Build(DefaultProtocol.Smp, [a, b], "Europe/London"));

        Assert.Contains("same moment", error.Message);
    }

    [Fact]
    public void Session_AfterTheFinalSession_Refused()
    {
        var builder = new TimelineBuilder().FinalSession("2026-03-02 10:00").Session("2026-03-16 10:00");

        var error = Assert.Throws<DomainException>(builder.Build);

        Assert.Contains("comes after the final session", error.Message);
    }

    [Fact]
    public void Sessions_SameIdTwice_Refused()
    {
        var id = Guid.NewGuid();
        var builder = new TimelineBuilder().Session("2026-03-02 10:00", id).Session("2026-03-16 10:00", id);

        Assert.Throws<DomainException>(builder.Build);
    }

    [Fact]
    public void LocalTime_SkippedBySpringForward_Refused()
    {
        var zone = ClinicTimeZone.FromIanaId("America/New_York");

        Assert.False(zone.TryToInstant(Local("2026-03-08 02:30"), out _));
        Assert.Throws<DomainException>(() => zone.ToInstant(Local("2026-03-08 02:30")));
    }

    [Fact]
    public void LocalTime_RepeatedByFallBack_TakesTheFirstOccurrence()
    {
        var zone = ClinicTimeZone.FromIanaId("America/New_York");

        var instant = zone.ToInstant(Local("2026-11-01 01:30"));

        Assert.Equal(TimeSpan.FromHours(-4), instant.Offset);
    }
}
