using System.Net;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Calendar;
using SmpAftercare.Tests.Calendar;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.ClientLink;

public sealed class ClientLinkCalendarTests : IDisposable
{
    private readonly ClientLinkAppFactory _app = new();

    [Fact]
    public async Task Calendar_IsValidIcsWithOneEventPerMilestoneDateFromTodayOn()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-02-10 10:00").WithSession("2026-02-24 10:00", final: true).SaveAsync();
        var token = await _app.LinkAsync(clinic, client.Id);

        var response = await _app.Anonymous().GetAsync($"/c/{token}/calendar.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("aftercare.ics", response.Content.Headers.ContentDisposition?.FileName);
        var calendar = IcsValidator.Parse(await response.Content.ReadAsStringAsync());

        var timeline = await _app.WithDbAsync(async db =>
        {
            var clinicRow = await db.Clinics.IgnoreQueryFilters().SingleAsync();
            return await TimelineLoader.LoadAsync(db, clinicRow, client.Id);
        });
        // The app's clock says 2 March: milestones before it are over and left out.
        var today = new DateOnly(2026, 3, 2);
        Assert.Contains(timeline.Milestones, m => m.AllowedFrom < today);
        var expected = timeline.Milestones.Where(m => m.AllowedFrom >= today).GroupBy(m => m.AllowedFrom)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Activity.AllowedAgain).ToList());
        var events = calendar.Components.ToDictionary(e => IcsValidator.Date(e.One("DTSTART")));
        Assert.Equal(expected.Keys.Order(), events.Keys.Order());
        foreach (var (date, sentences) in expected)
        {
            Assert.All(sentences, s => Assert.Contains(s, events[date].Text("DESCRIPTION"), StringComparison.Ordinal));
            Assert.Equal(MilestoneCalendar.Uid(client.Id, date), events[date].Text("UID"));
            Assert.Equal("VALARM", Assert.Single(events[date].Components).Name);
        }

        Assert.Equal("Aftercare · Northside SMP", IcsValidator.Unescape(calendar.One("X-WR-CALNAME").Value));
        Assert.All(calendar.Components, e => Assert.Equal("20260302T100000Z", e.One("DTSTAMP").Value));
        Assert.DoesNotContain(new DateOnly(2026, 3, 1), events.Keys); // shaving, day 5 after 24 Feb: yesterday
        Assert.Equal("Swimming, sauna and direct sun are OK again", events[new DateOnly(2026, 3, 26)].Text("SUMMARY")); // final + 30
    }

    /// <summary>Issue 13's example (day 2 after a session that was not the final one): the gym comes back with sweating.</summary>
    [Fact]
    public async Task Calendar_GymComesBackOnTheDaySweatingDoes_NeverBefore()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-02-28 10:00").SaveAsync();
        var token = await _app.LinkAsync(clinic, client.Id);

        var calendar = IcsValidator.Parse(await _app.Anonymous().GetStringAsync($"/c/{token}/calendar.ics"));

        var events = calendar.Components.ToDictionary(e => IcsValidator.Date(e.One("DTSTART")));
        var gym = Assert.Single(events, e => e.Value.Text("DESCRIPTION").Contains("You can go back to heavy exercise", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2026, 3, 7), gym.Key);
        Assert.Contains("Sweating is OK again", gym.Value.Text("DESCRIPTION"), StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();
}
