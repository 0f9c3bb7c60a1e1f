using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using static SmpAftercare.Domain.Tests.TimelineBuilder;

namespace SmpAftercare.Domain.Tests.Aftercare;

public class BoundsTests
{
    private static readonly DateOnly Today = Date("2026-03-02");

    [Theory]
    [InlineData("2026-03-02", true)]
    [InlineData("2027-03-02", true)]  // 365 days ahead
    [InlineData("2027-03-03", false)]
    [InlineData("2025-03-02", true)]  // 365 days back
    [InlineData("2025-03-01", false)]
    [InlineData("0001-01-01", false)]
    [InlineData("9999-12-31", false)]
    public void SessionDate_WithinAYearEitherWay(string date, bool accepted)
    {
        Assert.Equal(accepted, DateBounds.SessionDateProblem(Date(date), Today) is null);
    }

    [Theory]
    [InlineData("2026-03-01", "The planned next session (1 Mar 2026) is in the past: pick a date from today on, or leave it empty.")]
    [InlineData("0001-01-01", "The planned next session (1 Jan 0001) is in the past: pick a date from today on, or leave it empty.")]
    [InlineData("2027-03-03", "3 Mar 2027 is more than a year ahead: check the year. Plan up to 2 Mar 2027.")]
    [InlineData("2026-03-02", null)]
    [InlineData("2027-03-02", null)]
    public void PlannedNextSession_FromTodayToAYearAhead(string date, string? message)
    {
        Assert.Equal(message, DateBounds.PlannedNextSessionProblem(Date(date), Today));
    }

    [Fact]
    public void TreatmentSession_RefusesAStartYearsFromWhenItIsLogged()
    {
        var client = Client.Create(Guid.NewGuid(), new ClientDetails("Alex", null, null, ContactChannel.None, false, false, null, null, false, null), "GB", DateTime.UtcNow);
        var now = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);
        SessionDetails At(DateTimeOffset start) => new(start, null, "Robin", false, null, null, null, null);

        Assert.Throws<DomainException>(() => TreatmentSession.Log(client, Guid.NewGuid(), At(new DateTimeOffset(1926, 5, 1, 10, 0, 0, TimeSpan.Zero)), [], now));
        Assert.Throws<DomainException>(() => TreatmentSession.Log(client, Guid.NewGuid(), At(DateTimeOffset.MaxValue), [], now));
        var session = TreatmentSession.Log(client, Guid.NewGuid(), At(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero)), [], now);

        // Years later, other details of the same session can still change; its date cannot move out of bounds.
        session.Change(client, At(session.StartsAt) with { Notes = "Healed well" }, [], now.AddYears(3));
        Assert.Throws<DomainException>(() => session.Change(client, At(session.StartsAt.AddDays(1)), [], now.AddYears(3)));
    }

    [Theory]
    [InlineData("America/Los_Angeles")]
    [InlineData("Pacific/Auckland")]
    [InlineData("Pacific/Kiritimati")]
    public void CalendarEnds_InZonesFarFromUtc_NeitherThrowNorOverflow(string zone)
    {
        var tz = ClinicTimeZone.FromIanaId(zone);
        Assert.False(tz.TryToInstant(new DateTime(1, 1, 1, 0, 0, 0), out _));
        Assert.False(tz.TryToInstant(new DateTime(9999, 12, 31, 23, 59, 0), out _));

        var timeline = AftercareTimeline.Build(DefaultProtocol.Smp,
            [new TimelineSession(Guid.NewGuid(), DateTimeOffset.MinValue, false), new TimelineSession(Guid.NewGuid(), DateTimeOffset.MaxValue, true)], tz);

        Assert.Equal(2, timeline.Courses.Count);
        Assert.True(timeline.Days.Count <= 2, $"{timeline.Days.Count} days"); // the last course is its session day, at the calendar's end
        Assert.NotEmpty(timeline.DaysOf(timeline.Courses[0]));
        Assert.Equal(DateOnly.MaxValue, timeline.AllowedFrom(Activity.Wetting, DateOnly.MaxValue));
    }

    [Fact]
    public void Courses_SessionsMoreThan90DaysApart_StartANewCourse()
    {
        var timeline = new TimelineBuilder()
            .Session("1926-05-01 10:00")
            .Session("1926-05-15 10:00")
            .Session("2026-02-20 10:00")
            .FinalSession("2026-03-01 10:00")
            .Build();

        Assert.Equal([2, 2], timeline.Courses.Select(c => c.Sessions.Count));
        var current = timeline.CourseOn(Today)!;
        Assert.Equal(2, current.Number);
        Assert.Equal((Date("2026-02-20"), Date("2026-03-31")), (current.FirstDay, current.LastDay));
        Assert.Equal(40, timeline.DaysOf(current).Count);
        Assert.Equal(timeline.DaysOf(current).Select(d => d.Date), timeline.Days.Select(d => d.Date));
        Assert.Equal((Date("1926-05-01"), Date("1926-05-29")), (timeline.Courses[0].FirstDay, timeline.Courses[0].LastDay));
        Assert.All(timeline.MilestonesOf(current), m => Assert.True(m.AllowedFrom >= current.FirstDay));
        // Between courses, the earlier course still matters; before any, the first does.
        Assert.Equal(1, timeline.CourseOn(Date("1990-01-01"))!.Number);
        Assert.Equal(1, timeline.CourseOn(Date("1900-01-01"))!.Number);
    }

    [Fact]
    public void Courses_SessionsWeeksApart_AreOneCourse()
    {
        var timeline = new TimelineBuilder().Session("2026-01-05 10:00").Session("2026-02-16 10:00").FinalSession("2026-04-20 10:00").Build();

        Assert.Single(timeline.Courses);
    }
}
