using System.Net;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Features.ClientLink;
using SmpAftercare.Web.Tests.ClientLink;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.AftercareSheet;

/// <summary>The printable sheet. The clock stands at Mon 2 Mar 2026 10:00 in London.</summary>
public sealed class SessionPrintTests : IDisposable
{
    private readonly ClientLinkAppFactory _app = new();

    [Fact]
    public async Task Print_ShowsTheClientsOwnDatesAndClinicContact()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithNotes("staff-only client note").WithSession("2026-03-02 09:00").SaveAsync();
        using var staff = await _app.SignedInAs(clinic.Technician);

        var page = await staff.GetAsync($"/sessions/{client.SessionIds[0]}/print");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Northside SMP", page.Text);
        Assert.Contains("+44 20 7946 0000", page.Text);
        Assert.Contains("Alex Morgan", page.Text);
        page.AssertOnlyStylesheets("css/public.css", "css/aftercare-sheet.css");
        Assert.Contains("Session 1 on Monday, 2 March 2026 with Technician of Northside SMP", page.Text);
        var rows = page.Document.QuerySelectorAll(".sheet-dates tbody tr")
            .ToDictionary(r => r.QuerySelector("strong")!.TextContent, r => r.QuerySelectorAll(".sheet-date").Select(d => d.TextContent.Trim()).ToArray());
        Assert.Equal(["Fri 6 Mar", "Sat 7 Mar"], rows["Shaving your head"]);
        Assert.Equal(["Thu 5 Mar", "Fri 6 Mar"], rows["Getting your scalp wet"]);
        Assert.Equal(["Wed 11 Mar", "Thu 12 Mar"], rows["Soap, shampoo and conditioner"]);
        Assert.Equal(["Sun 15 Mar", "Mon 16 Mar"], rows["Swimming"]);
        Assert.Equal(["Mon 2 Mar", "Tue 3 Mar"], rows["Ointments, creams and make-up"]);
        // Heavy exercise has only a final-session rule, but it makes you sweat: it is back with sweating.
        Assert.Equal(["Sun 8 Mar", "Mon 9 Mar"], rows["Sweating"]);
        Assert.Equal(rows["Sweating"], rows["Heavy exercise"]);
        Assert.Contains("No gym or heavy exercise yet: it makes you sweat", page.Text);
        Assert.DoesNotContain("rinse with warm water", page.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Keep your scalp moist with a light, alcohol-free moisturiser. (Tue 3 Mar to Sun 15 Mar)", page.Text);
        Assert.Contains("call the clinic, or a doctor, at once", page.Text);
        Assert.DoesNotContain("staff-only", page.Body, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("nav")); // no navigation chrome
    }

    [Fact]
    public async Task Print_QrCodeCarriesTheClientsCurrentLink_MadeAndAuditedOnlyWhenTheyHaveNone()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        var other = await _app.Client(clinic).Named("Noor Nolink").WithSession("2026-03-02 11:00").SaveAsync();
        var existing = await _app.LinkAsync(clinic, client.Id);
        using var staff = await _app.SignedInAs(clinic.Owner);

        var page = await staff.GetAsync($"/sessions/{client.SessionIds[0]}/print");
        var made = await staff.GetAsync($"/sessions/{other.SessionIds[0]}/print");

        Assert.NotNull(page.Document.QuerySelector(".sheet-qr svg"));
        var url = new Uri(page.Document.QuerySelector(".sheet-url")!.TextContent.Trim());
        Assert.Equal($"/c/{existing}", url.AbsolutePath); // the link the client already has, not another one
        var newUrl = new Uri(made.Document.QuerySelector(".sheet-url")!.TextContent.Trim());
        Assert.Matches("^/c/[A-Za-z0-9_-]{43}$", newUrl.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await _app.Anonymous().GetAsync(newUrl.AbsolutePath)).StatusCode);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.Action == ClientLinkAuditActions.Created).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(other.Id, entry.ClientId);
        Assert.Equal("For the printed aftercare sheet of session 1", entry.Details);
    }

    [Fact]
    public async Task Print_LaterSessionsDoNotChangeAnEarlierSessionsSheet()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-02-10 10:00").WithSession("2026-02-24 10:00").SaveAsync();
        using var staff = await _app.SignedInAs(clinic.Technician);

        var first = await staff.GetAsync($"/sessions/{client.SessionIds[0]}/print");
        var second = await staff.GetAsync($"/sessions/{client.SessionIds[1]}/print");

        string Shaving(StaffBrowser.Page p) => p.Document.QuerySelectorAll(".sheet-dates tbody tr")
            .Single(r => r.QuerySelector("strong")!.TextContent == "Shaving your head").QuerySelectorAll(".sheet-date")[1].TextContent;
        Assert.Equal("Sun 15 Feb", Shaving(first));
        Assert.Equal("Sun 1 Mar", Shaving(second));
        Assert.Contains("Session 2 on", second.Text);
    }

    [Fact]
    public async Task Print_ReceptionIsRefusedAndOtherClinicsSessionIsNotFound()
    {
        var clinic = await _app.SeedClinicAsync();
        var other = await _app.SeedClinicAsync("Southside SMP");
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        using var reception = await _app.SignedInAs(clinic.Reception);
        using var stranger = await _app.SignedInAs(other.Technician);

        var refused = await reception.GetAsync($"/sessions/{client.SessionIds[0]}/print");
        var hidden = await stranger.GetAsync($"/sessions/{client.SessionIds[0]}/print");

        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.StartsWith("/account/denied", refused.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, hidden.Status);
        Assert.Equal(0, await _app.WithDbAsync(db => db.ClientLinks.IgnoreQueryFilters().CountAsync()));
    }

    /// <summary>Sessions from 1926 (saved before dates had bounds) once made pages of megabytes; the sheet shows this course.</summary>
    [Fact]
    public async Task Print_AfterSessionsYearsAgo_ShowsOnlyThisCoursesDates()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        await _app.AddSessionsLoggedBackThenAsync(clinic, client.Id, new DateTimeOffset(1926, 5, 1, 10, 0, 0, TimeSpan.Zero));
        using var staff = await _app.SignedInAs(clinic.Technician);

        var page = await staff.GetAsync($"/sessions/{client.SessionIds[0]}/print");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Session 2 on Monday, 2 March 2026", page.Text);
        var shaving = page.Document.QuerySelectorAll(".sheet-dates tbody tr").Single(r => r.QuerySelector("strong")!.TextContent == "Shaving your head");
        Assert.Equal(["Fri 6 Mar", "Sat 7 Mar"], shaving.QuerySelectorAll(".sheet-date").Select(d => d.TextContent.Trim()));
        Assert.DoesNotContain("1926", page.Text, StringComparison.Ordinal);
        Assert.True(page.Body.Length < 100_000, $"{page.Body.Length} characters");
    }

    public void Dispose() => _app.Dispose();
}
