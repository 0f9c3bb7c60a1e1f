using System.Net;
using AngleSharp.Dom;
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

    // ICU writes "5:05\u202fAM" for en-US; the tests compare with a plain space.
    private static List<List<string>> Rows(StaffBrowser.Page page) =>
        [.. page.Document.QuerySelectorAll("table.audit tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Replace('\u202f', ' ').Trim()).ToList())];

    private DateTime Minutes(int minutes) => _app.Clock.GetUtcNow().UtcDateTime.AddMinutes(minutes);

    [Fact]
    public async Task List_NewestFirstInClinicTimeAndUtc_WithALinkToTheClient()
    {
        // The client pages write these rows on their own (Components/ClientEditorTests); here they are read.
        var clinic = await _app.SeedClinicAsync("Fade Studio", "America/New_York", "en-US");
        using var owner = await _app.SignedInAs(clinic.Owner);
        var sam = await _app.AddClientAsync(clinic, "Sam Client");
        await _app.AddAuditAsync(clinic, clinic.Owner, "client.created", sam, Minutes(0));
        await _app.AddAuditAsync(clinic, clinic.Owner, "client.viewed", sam, Minutes(5));

        var page = await owner.GetAsync("/audit");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = Rows(page);
        // The owner's sign-in is the oldest row.
        Assert.Equal(3, rows.Count);
        Assert.Equal([clinic.Owner.FullName, "Signed in"], rows[2].Skip(2).Take(2));
        // 10:05 UTC on 2 March is 05:05 in New York (EST, UTC-5).
        Assert.Equal(["3/2/2026 5:05 AM", "2026-03-02 10:05:00", clinic.Owner.FullName, "Viewed a client's record", "Sam Client"], rows[0].Take(5));
        Assert.Equal(["3/2/2026 5:00 AM", "2026-03-02 10:00:00", clinic.Owner.FullName, "Added a client", "Sam Client"], rows[1].Take(5));
        var clientLink = page.Document.QuerySelector("table.audit tbody tr td:nth-child(5) a")!.GetAttribute("href");
        Assert.Equal($"/clients/{sam}", clientLink);
        Assert.Contains("America/New_York", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ManyEntries_FiftyAPageNewestFirst()
    {
        var clinic = await _app.SeedClinicAsync();
        for (var i = 0; i < 120; i++)
        {
            await _app.AddAuditAsync(clinic, clinic.Reception, "client.viewed", null, Minutes(i), details: $"entry {i}");
        }

        using var owner = await _app.SignedInAs(clinic.Owner);

        var first = await owner.GetAsync("/audit");
        var last = await owner.GetAsync("/audit?page=3");

        Assert.Equal(50, Rows(first).Count);
        Assert.Equal("entry 119", Rows(first)[0][^1]);
        // 120 entries and the owner's sign-in.
        Assert.Contains("121 entries · page 1 of 3", first.Text, StringComparison.Ordinal);
        Assert.Equal("/audit?page=2", first.Document.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Equal(21, Rows(last).Count);
        Assert.Contains(Rows(last), r => r[^1] == "entry 0");
        Assert.Null(last.Document.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task Filter_ByClient_OnlyTheirRowsAndTheirNameShown()
    {
        var clinic = await _app.SeedClinicAsync();
        var sam = await _app.AddClientAsync(clinic, "Sam Client");
        var alex = await _app.AddClientAsync(clinic, "Alex Other");
        await _app.AddAuditAsync(clinic, clinic.Technician, "client.viewed", sam, Minutes(1));
        await _app.AddAuditAsync(clinic, clinic.Technician, "client.viewed", alex, Minutes(2));
        await _app.AddAuditAsync(clinic, clinic.Reception, "client.updated", sam, Minutes(3));
        using var owner = await _app.SignedInAs(clinic.Owner);

        var page = await owner.GetAsync($"/audit?client={sam}");

        var rows = Rows(page);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("Sam Client", r[4]));
        Assert.Contains("Client: Sam Client", page.Document.QuerySelector(".client-filter")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/audit?client={sam}&user={clinic.Technician.Id}", page.Document.QuerySelector("table.audit tbody tr:last-child td:nth-child(3) a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Filter_ByUserAndByAction_Combine()
    {
        var clinic = await _app.SeedClinicAsync();
        var sam = await _app.AddClientAsync(clinic, "Sam Client");
        await _app.AddAuditAsync(clinic, clinic.Technician, "client.viewed", sam, Minutes(1), "tech viewed");
        await _app.AddAuditAsync(clinic, clinic.Technician, "session.logged", sam, Minutes(2), "tech logged");
        await _app.AddAuditAsync(clinic, clinic.Reception, "client.viewed", sam, Minutes(3), "reception viewed");
        using var owner = await _app.SignedInAs(clinic.Owner);

        var byUser = await owner.GetAsync($"/audit?user={clinic.Technician.Id}");
        var byAction = await owner.GetAsync("/audit?action=client.viewed");
        var both = await owner.GetAsync($"/audit?user={clinic.Technician.Id}&action=client.viewed");

        Assert.Equal(["tech logged", "tech viewed"], Rows(byUser).Select(r => r[^1]));
        Assert.Equal(["reception viewed", "tech viewed"], Rows(byAction).Select(r => r[^1]));
        Assert.Equal(["tech viewed"], Rows(both).Select(r => r[^1]));
        // The filter form offers who and what appear in the log, with the chosen ones selected.
        Assert.Equal(clinic.Technician.Id, both.FieldValue("user"));
        Assert.Equal("client.viewed", both.FieldValue("action"));
        var users = both.Document.QuerySelectorAll("#audit-user option").Select(o => o.TextContent).ToList();
        Assert.Equal(["Everyone", clinic.Owner.FullName, clinic.Reception.FullName, clinic.Technician.FullName], users);
    }

    [Fact]
    public async Task FilterForm_SubmittedByGet_NarrowsTheList()
    {
        var clinic = await _app.SeedClinicAsync();
        await _app.AddAuditAsync(clinic, clinic.Technician, "client.viewed", null, Minutes(1), "a");
        await _app.AddAuditAsync(clinic, clinic.Technician, "client.created", null, Minutes(2), "b");
        using var owner = await _app.SignedInAs(clinic.Owner);
        var page = await owner.GetAsync("/audit");
        var form = page.Document.QuerySelector("form[role=search]")!;

        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal(["", "account.signed-in", "client.created", "client.viewed"], form.QuerySelectorAll("#audit-action option").Select(o => o.GetAttribute("value")));
        Assert.Equal(["b"], Rows(await owner.GetAsync("/audit?user=&action=client.created")).Select(r => r[^1]));
    }

    [Fact]
    public async Task OtherClinic_RowsAndClientNamesInvisible()
    {
        var a = await _app.SeedClinicAsync("Clinic A");
        var b = await _app.SeedClinicAsync("Clinic B");
        var samA = await _app.AddClientAsync(a, "Sam of A");
        await _app.AddAuditAsync(a, a.Technician, "client.viewed", samA, Minutes(1), "secret of A");
        await _app.AddAuditAsync(b, b.Technician, "client.viewed", null, Minutes(2), "own row of B");
        using var ownerB = await _app.SignedInAs(b.Owner);

        var all = await ownerB.GetAsync("/audit");
        var byClient = await ownerB.GetAsync($"/audit?client={samA}");
        var byUser = await ownerB.GetAsync($"/audit?user={a.Technician.Id}");

        Assert.Equal(["own row of B", "with a password"], Rows(all).Select(r => r[^1]));
        Assert.DoesNotContain(a.Technician.FullName, all.Text, StringComparison.Ordinal);
        Assert.Empty(Rows(byClient));
        Assert.DoesNotContain("Sam of A", byClient.Text, StringComparison.Ordinal);
        Assert.Contains("not in your client list", byClient.Text, StringComparison.Ordinal);
        Assert.Empty(Rows(byUser));
    }

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

        var rows = Rows(await owner.GetAsync("/audit"));

        Assert.Equal(["Switched off a staff account", "Saved a protocol version", "Signed in"], rows.Select(r => r[3]));
        Assert.Equal(clinic.Reception.FullName, rows[0][^1]);
        Assert.StartsWith("Version 2 saved", rows[1][^1], StringComparison.Ordinal);
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
