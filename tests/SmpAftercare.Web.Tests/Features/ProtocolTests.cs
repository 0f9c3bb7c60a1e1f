using System.Net;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;
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

    public void Dispose() => _app.Dispose();
}
