using System.Net;
using AngleSharp.Html.Parser;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.ClientLink;

/// <summary>The public /c/{token} page. The clock stands at Mon 2 Mar 2026 10:00 in London (AppFactory).</summary>
public sealed class ClientLinkPageTests : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly ClientLinkAppFactory _app = new();

    /// <summary>Sessions on 10 and 24 Feb: 2 March is day 6 after the 2nd session (the example).</summary>
    private async Task<(TestClinic Clinic, SeededClient Client, string Token)> ClientWithLink()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithNotes("staff-only client note").WithSession("2026-02-10 10:00").WithSession("2026-02-24 10:00").SaveAsync();
        return (clinic, client, await _app.LinkAsync(clinic, client.Id));
    }

    /// <summary>The "When can I...?" list: question to answer, as a person reads them.</summary>
    internal static Dictionary<string, string> WhenAnswers(AngleSharp.Dom.IDocument document) =>
        document.QuerySelectorAll(".cl-when-row").ToDictionary(
            r => r.QuerySelector("dt")!.TextContent.Trim(),
            r => string.Join(' ', r.QuerySelector("dd")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

    private static async Task<(HttpResponseMessage Response, string Text, AngleSharp.Html.Dom.IHtmlDocument Document)> Get(HttpClient http, string url)
    {
        var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        var document = Parser.ParseDocument(body);
        var text = string.Join(' ', (document.Body?.TextContent ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return (response, text, document);
    }

    [Fact]
    public async Task Page_WorkingLink_ShowsTodaysStatusWithoutSignIn()
    {
        var (_, _, token) = await ClientWithLink();

        var (response, text, document) = await Get(_app.Anonymous(), $"/c/{token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Day 6 after your 2nd session: warm water only, no soap", document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Today · Monday 2 March", text);
        // Touching, sweating and sun lift on day 7 of session 2, and the gym with sweating.
        Assert.Contains("From Tuesday 3 March (tomorrow): Touching your scalp, sweating, heavy exercise and direct sun are OK again.", text);
        Assert.Contains("Hi Alex", text);
        StaffBrowser.AssertOnlyStylesheets(document, "css/public.css", "css/client-link.css", "css/check-in.css");
    }

    [Fact]
    public async Task Page_WhenCanI_GivesADateForEachActivity()
    {
        var (_, _, token) = await ClientWithLink();

        var (_, _, document) = await Get(_app.Anonymous(), $"/c/{token}");

        var answers = WhenAnswers(document);
        Assert.Equal("Now", answers["Shower or get my head wet"]);
        Assert.Equal("From Fri 6 Mar in 4 days", answers["Wash my scalp with soap or shampoo"]);
        Assert.Equal("Now", answers["Shave my head"]);
        Assert.Equal("From Tue 10 Mar in 8 days", answers["Go swimming"]);
        Assert.Equal("From Tue 10 Mar in 8 days", answers["Use a sauna or steam room"]);
        Assert.Equal("From Tue 3 Mar tomorrow", answers["Go out in direct sun"]);
        // Heavy exercise has only a final-session rule, but it makes you sweat: it comes back with sweating.
        Assert.Equal("From Tue 3 Mar tomorrow", answers["Do things that make me sweat"]);
        Assert.Equal("From Tue 3 Mar tomorrow", answers["Go to the gym"]);
    }

    /// <summary>The example: day 2 after a session that was not the final one.</summary>
    [Fact]
    public async Task Page_DayTwo_GymWaitsForSweatingAndDryDaysNeverSayRinse()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-02-28 10:00").SaveAsync();
        var token = await _app.LinkAsync(clinic, client.Id);

        var (_, text, document) = await Get(_app.Anonymous(), $"/c/{token}");

        var answers = WhenAnswers(document);
        Assert.Equal("From Sat 7 Mar in 5 days", answers["Do things that make me sweat"]);
        Assert.Equal("From Sat 7 Mar in 5 days", answers["Go to the gym"]);
        var today = string.Join(" | ", document.QuerySelectorAll(".cl-rules li.cl-avoid, .cl-rules li.cl-do").Select(li => li.TextContent.Trim()));
        Assert.Contains("Keep your scalp completely dry", today, StringComparison.Ordinal);
        Assert.DoesNotContain("rinse with warm water", today, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("No soap or shampoo yet: washing gets your scalp wet", today, StringComparison.Ordinal);
        Assert.Contains("No gym or heavy exercise yet: it makes you sweat", today, StringComparison.Ordinal);
        Assert.Contains("Heavy exercise: OK again from Sat 7 Mar.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ShowsMilestonesCalendarWarningsAndContact()
    {
        var (_, _, token) = await ClientWithLink();

        var (_, text, document) = await Get(_app.Anonymous(), $"/c/{token}");

        Assert.Contains("Coming up", text);
        Assert.Contains("Fri 6 Mar You can wash your scalp with soap and shampoo again", text);
        Assert.Contains("Tue 10 Mar Swimming and sauna are OK again", text);
        var today = Assert.Single(document.QuerySelectorAll(".cl-days li[aria-current=date]"));
        Assert.Contains("Mon 2 Mar", today.TextContent);
        Assert.Equal(29, document.QuerySelectorAll(".cl-days li").Length); // 10 Feb to 10 Mar
        Assert.Contains("Redness is normal.", text);
        Assert.Contains("can last 3 to 5 days", text);
        Assert.Contains("Stop using any product on your scalp and call the clinic, or a doctor, at once.", text);
        Assert.Contains("Call +44 20 7946 0000", text);
        Assert.Equal("tel:+442079460000", document.QuerySelector("a[href^='tel:']")!.GetAttribute("href"));
        Assert.Equal($"/c/{token}/calendar.ics", document.QuerySelector("a[href$='calendar.ics']")!.GetAttribute("href"));
    }

    /// <summary>Sessions from 1926 (saved before dates had bounds) and yesterday once made a 5.5 MB page.</summary>
    [Fact]
    public async Task Page_SessionsYearsApart_ShowsTheCurrentCourseAndSummarisesEarlierOnes()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-01 10:00").SaveAsync();
        await _app.AddSessionsLoggedBackThenAsync(clinic, client.Id,
            new DateTimeOffset(1926, 5, 1, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(1926, 5, 15, 10, 0, 0, TimeSpan.Zero));
        var token = await _app.LinkAsync(clinic, client.Id);

        var (response, text, document) = await Get(_app.Anonymous(), $"/c/{token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(15, document.QuerySelectorAll(".cl-days li").Length); // 1 Mar to 15 Mar: this course only
        Assert.Contains("Earlier treatment: 2 sessions from Sat 1 May 1926, all healed.", text);
        Assert.True(document.DocumentElement.OuterHtml.Length < 100_000, $"{document.DocumentElement.OuterHtml.Length} characters");
    }

    [Fact]
    public async Task Page_NeverShowsStaffOnlyNotes()
    {
        var (_, _, token) = await ClientWithLink();

        var (_, _, document) = await Get(_app.Anonymous(), $"/c/{token}");

        var html = document.DocumentElement.OuterHtml;
        Assert.DoesNotContain("staff-only", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Technician of", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alex@example.com", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/calendar.ics")]
    public async Task Responses_CarryPrivacyHeaders_WhateverTheOutcome(string suffix)
    {
        var (_, _, token) = await ClientWithLink();
        var http = _app.Anonymous();

        foreach (var url in new[] { $"/c/{token}{suffix}", $"/c/{ClientLinkTokenFor.Unknown}{suffix}", $"/c/short{suffix}" })
        {
            var response = await http.GetAsync(url);
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.Contains("noindex", Assert.Single(response.Headers.GetValues("X-Robots-Tag")), StringComparison.Ordinal);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{url}: Cache-Control is {response.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task Page_LoadsNothingFromAnotherSite()
    {
        var (_, _, token) = await ClientWithLink();

        var (response, _, document) = await Get(_app.Anonymous(), $"/c/{token}");

        var addresses = document.QuerySelectorAll("link[href], script[src], img[src], iframe[src], source[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).ToList();
        Assert.NotEmpty(addresses);
        Assert.All(addresses, a => Assert.False(Uri.TryCreate(a, UriKind.Absolute, out var u) && u.Scheme is "http" or "https", $"third-party resource: {a}"));
        Assert.All(addresses, a => Assert.False(a.StartsWith("//", StringComparison.Ordinal), a));
        Assert.Contains("default-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WritesNothingToTheDatabase()
    {
        var (_, _, token) = await ClientWithLink();
        var http = _app.Anonymous();
        var before = _app.DatabaseSnapshot();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/c/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/c/{token}/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/c/{ClientLinkTokenFor.Unknown}")).StatusCode);

        Assert.Equal(before, _app.DatabaseSnapshot());
        Assert.Contains("[AuditEntries]", before, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Page_UnknownToken_IsNotFoundWithAFriendlyPage(string token)
    {
        var (_, _, _) = await ClientWithLink();

        var (response, text, _) = await Get(_app.Anonymous(), $"/c/{token}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("This link doesn't work", text);
        Assert.DoesNotContain("Northside", text); // an unknown link says nothing about any clinic
    }

    [Fact]
    public async Task Page_ArchivedClient_IsNotFound()
    {
        var (_, client, token) = await ClientWithLink();
        await _app.WithDbAsync(async db =>
        {
            var row = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.Clients), c => c.Id == client.Id);
            row.Archive(_app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.NotFound, (await _app.Anonymous().GetAsync($"/c/{token}")).StatusCode);
    }

    [Fact]
    public async Task Page_LinkMadeBeforeAnySession_SaysAftercareStartsWithTheFirstSession()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).SaveAsync();
        var token = await _app.LinkAsync(clinic, client.Id);

        var (response, _, document) = await Get(_app.Anonymous(), $"/c/{token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Your aftercare starts with your first session", document.QuerySelector("h1")!.TextContent.Trim());
    }

    public void Dispose() => _app.Dispose();
}

internal static class ClientLinkTokenFor
{
    /// <summary>Well-formed but made by nobody: it reaches the database lookup and finds nothing.</summary>
    public static readonly string Unknown = Domain.Clients.ClientLinkToken.New();
}
