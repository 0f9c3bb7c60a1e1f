using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Reminders;
using static SmpAftercare.Domain.Tests.TimelineBuilder;

namespace SmpAftercare.Domain.Tests.Reminders;

public class SendingWindowTests
{
    private static readonly ClinicTimeZone London = ClinicTimeZone.FromIanaId("Europe/London");
    private static readonly SendingWindow Window = new(new TimeOnly(9, 0), new TimeOnly(20, 0), London);

    [Theory]
    [InlineData("2026-03-02 08:59", false)]
    [InlineData("2026-03-02 09:00", true)]
    [InlineData("2026-03-02 19:59", true)]
    [InlineData("2026-03-02 20:00", false)]
    [InlineData("2026-03-02 03:00", false)]
    public void IsOpen_StartInclusiveEndExclusive(string local, bool open) =>
        Assert.Equal(open, Window.IsOpen(London.ToInstant(Local(local))));

    [Fact]
    public void NextOpening_BeforeTheWindow_IsThisMorning_AfterIt_TomorrowMorning()
    {
        Assert.Equal(London.ToInstant(Local("2026-03-02 09:00")), Window.NextOpening(London.ToInstant(Local("2026-03-02 06:30"))));
        Assert.Equal(London.ToInstant(Local("2026-03-03 09:00")), Window.NextOpening(London.ToInstant(Local("2026-03-02 22:15"))));
        var open = London.ToInstant(Local("2026-03-02 12:00"));
        Assert.Equal(open, Window.NextOpening(open));
    }

    [Fact]
    public void NextOpening_OverTheSpringForwardNight_IsNineLocalWhichIsEightUtc()
    {
        var night = London.ToInstant(Local("2026-03-28 23:30"));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 8, 0, 0, TimeSpan.Zero), Window.NextOpening(night));
    }

    [Fact]
    public void OpensOn_AStartTheClocksSkip_OpensAtTheFirstMinuteThatExists()
    {
        var early = new SendingWindow(new TimeOnly(1, 30), new TimeOnly(20, 0), London);

        // 01:00-02:00 does not exist in London on 29 March 2026; 02:00 BST is 01:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), early.OpensOn(Date("2026-03-29")));
    }

    [Fact]
    public void Create_EndNotAfterStart_IsRefused() =>
        Assert.Throws<DomainException>(() => new SendingWindow(new TimeOnly(20, 0), new TimeOnly(9, 0), London));
}
