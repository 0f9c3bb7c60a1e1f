using SmpAftercare.Web.Infrastructure;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Api;

public sealed class ApiTimelineTests : IDisposable
{
    private readonly AppFactory _app = new();

    [Fact]
    public async Task Timeline_ReturnsSessionsMilestonesAndDaysWithTheEnginesActivityCodes()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 10:00").SaveAsync();
        using var api = ApiCaller.For(_app, await _app.ApiKeyAsync(clinic));

        var timeline = await api.GetAsync($"/api/v1/clients/{client.Id}/timeline");

        Assert.Equal(HttpStatusCode.OK, timeline.Status);
        Assert.Equal("Europe/London", timeline.Text("timeZone"));
        var session = Assert.Single(timeline.Json.GetProperty("sessions").EnumerateArray());
        Assert.Equal(client.SessionIds[0].ToString(), session.GetProperty("id").GetString());
        Assert.Equal("2026-03-02T10:00", session.GetProperty("startsAt").GetString());
        Assert.Equal(1, session.GetProperty("protocolVersion").GetInt32());

        var milestones = timeline.Json.GetProperty("milestones").EnumerateArray()
            .ToDictionary(m => m.GetProperty("activity").GetString()!, m => m.GetProperty("allowedFrom").GetString());
        Assert.Equal("2026-03-06", milestones["wetting"]);
        Assert.Equal("2026-03-07", milestones["shaving"]);
        Assert.Equal("2026-03-12", milestones["soap"]);
        Assert.All(timeline.Json.GetProperty("milestones").EnumerateArray(),
            m => Assert.Equal(client.SessionIds[0].ToString(), m.GetProperty("sessionId").GetString()));

        var days = timeline.Json.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal("2026-03-02", days[0].GetProperty("date").GetString());
        Assert.Equal("keepDry", days[0].GetProperty("phase").GetString());
        Assert.Contains("wetting", Codes(days[0], "avoid"));
        Assert.DoesNotContain("moisturize", Codes(days[0], "recommended"));
        Assert.Contains("moisturize", Codes(days[1], "recommended"));
        Assert.Equal(("2026-03-06", 4, "waterOnly"), (days[4].GetProperty("date").GetString(), days[4].GetProperty("day").GetInt32(), days[4].GetProperty("phase").GetString()));
        Assert.DoesNotContain("wetting", Codes(days[4], "avoid"));
        Assert.Equal("2026-03-16", days[^1].GetProperty("date").GetString()); // swimming and sauna from day 14
        Assert.Equal(0, timeline.Json.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task Timeline_GymWaitsForSweating_InMilestonesAndEveryDay()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-02-28 10:00").SaveAsync();
        using var api = ApiCaller.For(_app, await _app.ApiKeyAsync(clinic));

        var timeline = await api.GetAsync($"/api/v1/clients/{client.Id}/timeline");

        var milestones = timeline.Json.GetProperty("milestones").EnumerateArray()
            .Select(m => (Activity: m.GetProperty("activity").GetString()!, Date: m.GetProperty("allowedFrom").GetString())).ToList();
        Assert.Equal("2026-03-07", milestones.Single(m => m.Activity == "sweating").Date);
        Assert.Equal("2026-03-07", milestones.Single(m => m.Activity == "exercise").Date);
        foreach (var day in timeline.Json.GetProperty("days").EnumerateArray())
        {
            var avoid = Codes(day, "avoid");
            Assert.True(!avoid.Contains("sweating") || avoid.Contains("exercise"), $"{day.GetProperty("date")}: gym allowed while sweating is not");
            Assert.True(!avoid.Contains("wetting") || (avoid.Contains("swimming") && avoid.Contains("sauna") && avoid.Contains("soap")));
        }
    }

    [Fact]
    public async Task Timeline_SessionsYearsApart_DaysCoverTheCurrentCourseAndEarlierOnesAreSummarised()
    {
        var clinic = await _app.SeedClinicAsync(timeZone: "America/Los_Angeles");
        var client = await _app.Client(clinic).WithSession("2026-03-01 10:00").SaveAsync();
        // Saved before dates had bounds: year 1 in a zone west of UTC once answered 500.
        await _app.AddSessionsLoggedBackThenAsync(clinic, client.Id,
            new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(1900, 6, 1, 10, 0, 0, TimeSpan.Zero));
        using var api = ApiCaller.For(_app, await _app.ApiKeyAsync(clinic));

        var timeline = await api.GetAsync($"/api/v1/clients/{client.Id}/timeline");

        Assert.Equal(HttpStatusCode.OK, timeline.Status);
        var days = timeline.Json.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(("2026-03-01", "2026-03-15"), (days[0].GetProperty("date").GetString(), days[^1].GetProperty("date").GetString()));
        var earlier = timeline.Json.GetProperty("earlierCourses").EnumerateArray().ToList();
        Assert.Equal(2, earlier.Count);
        Assert.Equal("1900-06-01", earlier[1].GetProperty("firstDay").GetString());
        Assert.Equal(1, earlier[1].GetProperty("sessions").GetInt32());
    }

    [Fact]
    public async Task Timeline_ClientWithoutSessions_IsEmpty()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).SaveAsync();
        using var api = ApiCaller.For(_app, await _app.ApiKeyAsync(clinic));

        var timeline = await api.GetAsync($"/api/v1/clients/{client.Id}/timeline");

        Assert.Equal(HttpStatusCode.OK, timeline.Status);
        Assert.Equal(0, timeline.Json.GetProperty("sessions").GetArrayLength());
        Assert.Equal(0, timeline.Json.GetProperty("milestones").GetArrayLength());
        Assert.Equal(0, timeline.Json.GetProperty("days").GetArrayLength());
    }

    [Fact]
    public async Task Link_IssuesAWorkingLinkAndRetiresThePreviousOne()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-02-26 10:00").SaveAsync();
        using var api = ApiCaller.For(_app, await _app.ApiKeyAsync(clinic));
        using var phone = _app.CreateClient();

        var first = await api.PostAsync($"/api/v1/clients/{client.Id}/link", null);
        var second = await api.PostAsync($"/api/v1/clients/{client.Id}/link", null);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        var firstUrl = new Uri(first.Json.GetProperty("url").GetString()!);
        var secondUrl = new Uri(second.Json.GetProperty("url").GetString()!);
        Assert.StartsWith("/c/", secondUrl.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync(secondUrl.AbsolutePath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync(firstUrl.AbsolutePath)).StatusCode);
        Assert.Equal(2, await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.Action == AuditActions.ClientLinkIssued)));
    }

    private static List<string?> Codes(JsonElement day, string list) => [.. day.GetProperty(list).EnumerateArray().Select(c => c.GetString())];

    public void Dispose() => _app.Dispose();
}
