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

    private static string Row(int index, string field) => $"Input.Rules[{index}].{field}";

    private Task<List<ProtocolVersion>> VersionsAsync(Guid clinicId) =>
        _app.WithDbAsync(db => db.ProtocolVersions.IgnoreQueryFilters().Where(v => v.ClinicId == clinicId).OrderBy(v => v.Version).ToListAsync());

    [Fact]
    public async Task View_NewClinic_ShowsTheFifteenDefaultRulesReadably()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Reception);

        var page = await browser.GetAsync("/protocol");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = page.Document.QuerySelectorAll("table.protocol-rules tbody tr");
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
    public async Task Edit_ChangedEndDay_CreatesVersion2AndLeavesVersion1Untouched()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Owner);

        var result = await browser.SubmitAsync("/protocol/edit", "protocol", new Dictionary<string, string?> { [Row(0, "ToDay")] = "4" });

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal("/protocol", result.Location);
        var versions = await VersionsAsync(clinic.Id);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(3, versions[0].Rules.Single(r => r.Position == 0).ToDay);
        Assert.Equal(4, versions[1].Rules.Single(r => r.Position == 0).ToDay);
        Assert.Equal(15, versions[1].Rules.Count);
        Assert.Equal(clinic.Owner.FullName, versions[1].CreatedBy);
        var view = await browser.GetAsync("/protocol");
        Assert.Contains("version 2", view.Text, StringComparison.Ordinal);
        Assert.Contains("allowed from day 5", view.Document.QuerySelectorAll("table.protocol-rules tbody tr")[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_NewRuleOnABlankLine_AddedAndTheUntouchedBlankLineIgnored()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Owner);

        var result = await browser.SubmitAsync("/protocol/edit", "protocol", new Dictionary<string, string?>
        {
            [Row(15, "ActivityCode")] = "exercise",
            [Row(15, "Kind")] = "Avoid",
            [Row(15, "Anchor")] = "EverySession",
            [Row(15, "FromDay")] = "0",
            [Row(15, "ToDay")] = "2",
            [Row(15, "Instruction")] = "No gym for three days.",
            [Row(15, "Source")] = "Clinic practice",
        });

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        var latest = (await VersionsAsync(clinic.Id))[^1];
        Assert.Equal(16, latest.Rules.Count);
        var added = latest.Rules.Single(r => r.Position == 15);
        Assert.Equal(("exercise", RuleKind.Avoid, 0, (int?)2, true), (added.ActivityCode, added.Kind, added.FromDay, added.ToDay, added.Enabled));
    }

    [Fact]
    public async Task Edit_GymRuleShorterThanSweating_ViewAndEditorShowTheEffectiveDay()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Owner);

        // Row 9 is the final-session gym rule (days 0-13): the clinic lets the gym back on day 3.
        await browser.SubmitAsync("/protocol/edit", "protocol", new Dictionary<string, string?> { [Row(9, "ToDay")] = "2" });

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
    public async Task Edit_BlankLinesOnTheForm_TwoAfterTheSavedRules()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Owner);

        var page = await browser.GetAsync("/protocol/edit");

        Assert.Equal(17, page.Document.QuerySelectorAll("table.protocol-edit tbody tr").Length);
        Assert.Equal("wetting", page.FieldValue(Row(0, "ActivityCode")));
        Assert.True(string.IsNullOrEmpty(page.FieldValue(Row(15, "ActivityCode"))));
        Assert.Equal("", page.FieldValue(Row(16, "Instruction")));
    }

    [Fact]
    public async Task Edit_RuleSwitchedOff_KeptInTheNewVersionButNotInForce()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Owner);

        // An unticked checkbox posts nothing.
        await browser.SubmitAsync("/protocol/edit", "protocol", new Dictionary<string, string?> { [Row(7, "Enabled")] = null });

        var latest = (await VersionsAsync(clinic.Id))[^1];
        Assert.Equal(2, latest.Version);
        Assert.False(latest.Rules.Single(r => r.Position == 7).Enabled);
        Assert.Equal(14, latest.ToProtocol().Rules.Count);
        var view = await browser.GetAsync("/protocol");
        Assert.EndsWith("Off", view.Document.QuerySelectorAll("table.protocol-rules tbody tr")[7].TextContent.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "FromDay", "5", "ToDay", "A rule cannot end before it starts.")]
    [InlineData(0, "ActivityCode", "yoga", "ActivityCode", "Choose an activity from the list.")]
    [InlineData(13, "Kind", "Avoid", "Kind", "Moisturise your scalp is care advice: it can only be recommended.")]
    [InlineData(1, "Kind", "Recommend", "Kind", "This activity is a restriction: it can only be avoided.")]
    [InlineData(2, "Instruction", "", "Instruction", "Write the instruction the client reads.")]
    [InlineData(3, "Source", " ", "Source", "Say where this rule comes from (an article, your clinic's practice).")]
    [InlineData(4, "FromDay", "4000", "FromDay", "Start between day 0 and day 3650.")]
    [InlineData(5, "FromDay", "", "FromDay", "Enter the first day (0 is the day of the session).")]
    [InlineData(16, "Instruction", "Drink water.", "ActivityCode", "Choose an activity, or clear this row.")]
    public async Task Edit_InvalidLine_MessageNextToTheFieldInputKeptNoVersion(int row, string field, string value, string messageField, string message)
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Owner);

        var page = await browser.SubmitAsync("/protocol/edit", "protocol", new Dictionary<string, string?>
        {
            [Row(row, field)] = value,
            [Row(6, "Instruction")] = "A change elsewhere that must survive the failed save.",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, page.ValidationMessages);
        // Only the broken line complains.
        var lines = page.Document.QuerySelectorAll("table.protocol-edit tbody tr");
        Assert.All(lines.Where((_, i) => i != row), line => Assert.Empty(line.QuerySelectorAll(".invalid-feedback")));
        // The message sits in the cell of the field it is about, on the right line.
        var cell = page.Document.QuerySelector($"[name='{Row(row, messageField)}']")!.ParentElement!;
        Assert.Equal(message, cell.QuerySelector(".invalid-feedback")?.TextContent.Trim());
        Assert.Equal(value, page.FieldValue(Row(row, field)));
        Assert.Equal("A change elsewhere that must survive the failed save.", page.FieldValue(Row(6, "Instruction")));
        Assert.Single(await VersionsAsync(clinic.Id));
    }

    [Fact]
    public async Task Edit_EveryRuleSwitchedOff_RefusedAndNoVersion()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Owner);
        var allOff = Enumerable.Range(0, 17).ToDictionary(i => Row(i, "Enabled"), _ => (string?)null);

        var page = await browser.SubmitAsync("/protocol/edit", "protocol", allOff);

        Assert.Contains("Switch on at least one rule: a protocol with no rules would give clients no aftercare.", page.ValidationMessages);
        Assert.Single(await VersionsAsync(clinic.Id));
    }

    [Fact]
    public async Task Reset_AfterAnEdit_NewVersionEqualToTheDefaultProtocol()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Owner);
        await browser.SubmitAsync("/protocol/edit", "protocol", new Dictionary<string, string?> { [Row(0, "ToDay")] = "5", [Row(3, "Enabled")] = null });

        var result = await browser.SubmitAsync("/protocol/edit", "reset");

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        var versions = await VersionsAsync(clinic.Id);
        Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
        Assert.Equal(DefaultProtocol.Smp.Rules.Select(r => r.ToString()), versions[2].ToProtocol().Rules.Select(r => r.ToString()));
        Assert.Equal(DefaultProtocol.Smp.Rules.Select(r => r.Instruction), versions[2].Rules.Select(r => r.Instruction));
        Assert.Equal(5, versions[1].Rules.Single(r => r.Position == 0).ToDay);
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
    public async Task Edit_SomeoneSavedMeanwhile_RefusedOnceWithInputKeptThenSaves()
    {
        var clinic = await _app.SeedClinicAsync();
        using var mine = await _app.SignedInAs(clinic.Owner);
        using var theirs = await _app.SignedInAs(clinic.Owner);
        var myForm = await mine.GetAsync("/protocol/edit");
        await theirs.SubmitAsync("/protocol/edit", "protocol", new Dictionary<string, string?> { [Row(1, "ToDay")] = "7" });

        var refused = await mine.SubmitAsync(myForm, "protocol", new Dictionary<string, string?> { [Row(0, "ToDay")] = "4" });

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(refused.ValidationMessages, m => m.StartsWith("The protocol was changed by someone else while you edited it (it is now version 2).", StringComparison.Ordinal));
        Assert.Equal("4", refused.FieldValue(Row(0, "ToDay")));
        Assert.Equal(2, (await VersionsAsync(clinic.Id)).Count);

        var saved = await mine.SubmitAsync(refused, "protocol");

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal(3, (await VersionsAsync(clinic.Id))[^1].Version);
    }

    [Fact]
    public async Task View_VersionsList_CountsTheSessionsLoggedUnderEachAndSessionsKeepTheirVersion()
    {
        var clinic = await _app.SeedClinicAsync();
        await _app.AddClientAsync(clinic, "Sam Client", sessionUnderVersion: clinic.ProtocolVersionId);
        using var browser = await _app.SignedInAs(clinic.Owner);
        await browser.SubmitAsync("/protocol/edit", "protocol", new Dictionary<string, string?> { [Row(0, "ToDay")] = "4" });

        var page = await browser.GetAsync("/protocol");

        var rows = page.Document.QuerySelectorAll("table.versions tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
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
        await browser.SubmitAsync("/protocol/edit", "protocol", new Dictionary<string, string?> { [Row(0, "ToDay")] = "4" });

        var page = await browser.GetAsync($"/protocol/versions/{clinic.ProtocolVersionId}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("version 1", page.Text, StringComparison.Ordinal);
        Assert.Contains("earlier version", page.Text, StringComparison.Ordinal);
        Assert.Contains("days 0-3", page.Document.QuerySelectorAll("table.protocol-rules tbody tr")[0].TextContent, StringComparison.Ordinal);
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
        await ownerA.SubmitAsync("/protocol/edit", "protocol", new Dictionary<string, string?> { [Row(0, "ToDay")] = "4" });
        using var ownerB = await _app.SignedInAs(b.Owner);

        Assert.Equal(HttpStatusCode.NotFound, (await ownerB.GetAsync($"/protocol/versions/{a.ProtocolVersionId}")).Status);
        var page = await ownerB.GetAsync("/protocol");
        Assert.Contains("version 1", page.Text, StringComparison.Ordinal);
        Assert.Single(page.Document.QuerySelectorAll("table.versions tbody tr"));
        var edit = await ownerB.GetAsync("/protocol/edit");
        Assert.Equal("3", edit.FieldValue(Row(0, "ToDay")));
    }

    public void Dispose() => _app.Dispose();
}
