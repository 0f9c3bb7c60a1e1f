using System.Net;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Data;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

public sealed class ProtocolTests : IDisposable
{
    private readonly AppFactory _app = new();

    private Task<List<ProtocolVersion>> VersionsAsync(Guid clinicId) =>
        _app.WithDbAsync(db => db.ProtocolVersions.IgnoreQueryFilters().Where(v => v.ClinicId == clinicId).OrderBy(v => v.Version).ToListAsync());

    [Fact]
    public async Task View_NewClinic_ShowsTheFifteenDefaultRulesReadably()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Reception);

        var page = await browser.GetAsync("/protocol");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = page.Document.QuerySelectorAll("[data-testid=protocol-rules] tbody tr");
        Assert.Equal(15, rows.Length);
        var wetting = rows[0].TextContent;
        Assert.Contains(Activity.Wetting.Name, wetting, StringComparison.Ordinal);
        Assert.Contains("days 0-3", wetting, StringComparison.Ordinal);
        Assert.Contains("allowed from day 4", wetting, StringComparison.Ordinal);
        Assert.Contains("Every session", wetting, StringComparison.Ordinal);
        Assert.Contains("day 30 onwards", rows[14].TextContent, StringComparison.Ordinal);
        Assert.Contains("Recommend", rows[14].TextContent, StringComparison.Ordinal);
        Assert.Contains("Version 1", page.Text, StringComparison.Ordinal);
        // Saved at 10:00 UTC on 2 March 2026, shown in London time (GMT in March before the change).
        Assert.Contains("Saved by seed on 02/03/2026 10:00 (Europe/London)", page.Text, StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("a[href='/protocol/edit']"));
    }

    [Fact]
    public void Form_AnAddedRuleIsSaved_AnUntouchedAddedLineIgnored_KindFollowsTheActivity()
    {
        var form = Web.Features.Protocol.ProtocolForm.From(ProtocolVersion.Initial(Guid.NewGuid(), "seed", DateTime.UnixEpoch));
        var added = form.AddRule();
        added.ChooseActivity("moisturize");
        Assert.Equal(RuleKind.Recommend, added.Kind);
        added.ChooseActivity("exercise");
        (added.ToDay, added.Instruction, added.Source) = (2, "No gym for three days.", "Clinic practice");
        var untouched = form.AddRule();
        untouched.FromDay = null;

        var entries = form.ToEntries();

        Assert.Equal(16, entries.Count);
        var saved = entries[15];
        Assert.Equal(("exercise", RuleKind.Avoid, 0, (int?)2, true), (saved.ActivityCode, saved.Kind, saved.FromDay, saved.ToDay, saved.Enabled));
        // The default protocol cites articles by number; the form shows (and saves) their titles.
        Assert.StartsWith("“Why is my scalp flaky after SMP?” (dry for at least 3 days)", entries[0].Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_GymRuleShorterThanSweating_ViewAndEditorShowTheEffectiveDay()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Owner);

        // Row 9 is the final-session gym rule (days 0-13): the clinic lets the gym back on day 3.
        await _app.SaveProtocolVersionAsync(clinic, 9, toDay: 2);

        foreach (var url in new[] { "/protocol", "/protocol/edit" })
        {
            var page = await browser.GetAsync(url);
            var notes = page.Document.QuerySelector(".implication-notes")!.TextContent;
            var text = string.Join(' ', notes.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("After the final session: Heavy exercise would be allowed from day 3, but heavy exercise makes you sweat, so it is allowed from day 7.", text, StringComparison.Ordinal);
            Assert.Contains("After a session that is not the final one: Heavy exercise has no rule of its own, but heavy exercise makes you sweat, so it is allowed from day 7.", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Reset_WithoutAntiforgeryToken_Refused()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Owner);

        var response = await browser.Client.PostAsync("/protocol/edit", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "reset" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(await VersionsAsync(clinic.Id));
    }

    [Fact]
    public async Task View_VersionsList_CountsTheSessionsLoggedUnderEachAndSessionsKeepTheirVersion()
    {
        var clinic = await _app.SeedClinicAsync();
        await _app.AddClientAsync(clinic, "Sam Client", sessionUnderVersion: clinic.ProtocolVersionId);
        using var browser = await _app.SignedInAs(clinic.Owner);
        await _app.SaveProtocolVersionAsync(clinic, 0, toDay: 4);

        var page = await browser.GetAsync("/protocol");

        var rows = page.Document.QuerySelectorAll("[data-testid=versions] tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("Version 2", rows[0][0], StringComparison.Ordinal);
        Assert.Equal("0", rows[0][^1]);
        Assert.StartsWith("Version 1", rows[1][0], StringComparison.Ordinal);
        Assert.Equal("1", rows[1][^1]);
        var session = await _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().SingleAsync());
        Assert.Equal(clinic.ProtocolVersionId, session.ProtocolVersionId);
    }

    [Fact]
    public async Task View_EarlierVersion_ShowsItsOwnRules()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Owner);
        await _app.SaveProtocolVersionAsync(clinic, 0, toDay: 4);

        var page = await browser.GetAsync($"/protocol/versions/{clinic.ProtocolVersionId}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("version 1", page.Text, StringComparison.Ordinal);
        Assert.Contains("earlier version", page.Text, StringComparison.Ordinal);
        Assert.Contains("days 0-3", page.Document.QuerySelectorAll("[data-testid=protocol-rules] tbody tr")[0].TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StaffRoles.Technician)]
    [InlineData(StaffRoles.Reception)]
    public async Task Edit_NotOwner_SentToAccessDeniedButCanView(string role)
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(role == StaffRoles.Technician ? clinic.Technician : clinic.Reception);

        var edit = await browser.GetAsync("/protocol/edit");

        Assert.Equal(HttpStatusCode.Redirect, edit.Status);
        Assert.StartsWith("/account/denied", edit.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protocol")).Status);
    }

    [Theory]
    [InlineData("/protocol")]
    [InlineData("/protocol/edit")]
    public async Task Protocol_Anonymous_SentToSignIn(string url)
    {
        await _app.SeedClinicAsync();
        using var browser = _app.Browser();

        var page = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/account/login", page.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherClinic_VersionsInvisibleAndUnreachable()
    {
        var a = await _app.SeedClinicAsync("Clinic A");
        var b = await _app.SeedClinicAsync("Clinic B");
        using var ownerA = await _app.SignedInAs(a.Owner);
        await _app.SaveProtocolVersionAsync(a, 0, toDay: 4);
        using var ownerB = await _app.SignedInAs(b.Owner);

        Assert.Equal(HttpStatusCode.NotFound, (await ownerB.GetAsync($"/protocol/versions/{a.ProtocolVersionId}")).Status);
        var page = await ownerB.GetAsync("/protocol");
        Assert.Contains("version 1", page.Text, StringComparison.Ordinal);
        Assert.Single(page.Document.QuerySelectorAll("[data-testid=versions] tbody tr"));
        var edit = await ownerB.GetAsync("/protocol/edit");
        Assert.Equal("3", edit.Document.QuerySelector("#rule-0-to")?.GetAttribute("value"));
    }

    public void Dispose() => _app.Dispose();
}
