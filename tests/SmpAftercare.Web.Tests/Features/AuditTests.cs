using System.Net;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Features.Audit;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Web.Features.Staff;
using SmpAftercare.Web.Infrastructure.Staff;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

public sealed class AuditTests : IDisposable
{
    private readonly AppFactory _app = new();

    // The page itself (rows, filters, paging, other clinics): Components/ListPagesTests. Here: what reaches the log, and who may read it.
    [Fact]
    public async Task AdminChanges_AppearInTheLog()
    {
        var clinic = await _app.SeedClinicAsync();
        using var owner = await _app.SignedInAs(clinic.Owner);
        // The protocol editor is interactive (Components/ProtocolEditorTests): its save is a version and an audit row.
        await _app.SaveProtocolVersionAsync(clinic, 0, toDay: 4);
        await _app.AddAuditAsync(clinic, clinic.Owner, AuditActions.ProtocolSaved, null, _app.Clock.GetUtcNow().UtcDateTime, "Version 2 saved (15 of 15 rules on).");
        // The staff page hands this to StaffAdministration (Components/StaffPagesTests).
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var me = new StaffMember(clinic.Owner.Id, clinic.Owner.FullName, clinic.Id, StaffRoles.Owner);
            Assert.Null(await scope.ServiceProvider.GetRequiredService<StaffAdministration>().SetAccessAsync(me, clinic.Reception.Id, switchedOn: false));
        }

        var rows = await _app.WithDbAsync(async db => (await AuditQuery.PageAsync(db, await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == clinic.Id), new AuditFilter(), 0)).Rows);

        Assert.Equal(["Switched off a staff account", "Saved a protocol version", "Signed in"], rows.Select(r => r.What));
        Assert.Equal(clinic.Reception.FullName, rows[0].Details);
        Assert.StartsWith("Version 2 saved", rows[1].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_PrerendersTheHeadingAndFilters_InPlainWords()
    {
        var clinic = await _app.SeedClinicAsync();
        using var owner = await _app.SignedInAs(clinic.Owner);

        var page = await owner.GetAsync("/audit");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Activity log", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.DoesNotContain("account.signed-in", page.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StaffRoles.Technician)]
    [InlineData(StaffRoles.Reception)]
    public async Task Audit_NotOwner_SentToAccessDenied(string role)
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(role == StaffRoles.Technician ? clinic.Technician : clinic.Reception);

        var page = await browser.GetAsync("/audit");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/account/denied", page.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_Anonymous_SentToSignIn()
    {
        await _app.SeedClinicAsync();
        using var browser = _app.Browser();

        var page = await browser.GetAsync("/audit");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/account/login", page.Location, StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();
}
