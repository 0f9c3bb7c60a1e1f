using System.Net;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Api;

/// <summary>The owner's page at /settings/api-keys.</summary>
public sealed class ApiKeysPageTests : IDisposable
{
    private const string Page = "/settings/api-keys";

    private readonly AppFactory _app = new();

    [Fact]
    public async Task Create_ShowsTheKeyOnceStoresOnlyItsHashAndTheKeyWorks()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).SaveAsync();
        using var browser = await _app.SignedInAs(clinic.Owner);

        var created = await browser.SubmitAsync(Page, "api-key", new Dictionary<string, string?> { ["Input.Label"] = "Booking system" });

        Assert.Equal(HttpStatusCode.OK, created.Status);
        var key = created.Document.QuerySelector("#new-api-key")?.TextContent.Trim();
        Assert.NotNull(key);
        Assert.StartsWith("smp_", key, StringComparison.Ordinal);
        Assert.Contains("Booking system", created.Text);
        var stored = await _app.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().SingleAsync());
        Assert.Equal((clinic.Id, "Booking system", clinic.Owner.FullName), (stored.ClinicId, stored.Label, stored.CreatedBy));
        Assert.NotEqual(key, stored.Hash);
        Assert.DoesNotContain(key, stored.Hash, StringComparison.Ordinal);
        Assert.Equal(Data.ApiKey.HashOf(key), stored.Hash);
        Assert.Contains(AuditActions.ApiKeyCreated, await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Select(a => a.Action).ToListAsync()));

        var again = await browser.GetAsync(Page);
        Assert.DoesNotContain(key, again.Body, StringComparison.Ordinal);
        Assert.Contains(stored.Start, again.Text);
        Assert.Contains("never", again.Text);

        using var api = ApiCaller.For(_app, key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/clients/{client.Id}")).Status);
        Assert.DoesNotContain("never", (await browser.GetAsync(Page)).Text);
    }

    [Fact]
    public async Task Create_WithoutAName_ShowsTheMessageAndSavesNothing()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Owner);

        var page = await browser.SubmitAsync(Page, "api-key", new Dictionary<string, string?> { ["Input.Label"] = " " });

        Assert.Contains("Name the key after what will use it, like \"Booking system\".", page.ValidationMessages);
        Assert.Null(page.Document.QuerySelector("#new-api-key"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Revoke_StopsTheKeyWorkingAndShowsItAsRevoked()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).SaveAsync();
        var key = await _app.ApiKeyAsync(clinic);
        using var api = ApiCaller.For(_app, key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/clients/{client.Id}")).Status);
        using var browser = await _app.SignedInAs(clinic.Owner);
        var id = await _app.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().Select(k => k.Id).SingleAsync());

        var result = await browser.SubmitAsync(Page, "revoke", new Dictionary<string, string?> { ["RevokeId"] = id.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Contains("revoked", (await browser.GetAsync(Page)).Text);
        ApiKeys.AssertProblem(await api.GetAsync($"/api/v1/clients/{client.Id}"), HttpStatusCode.Unauthorized);
        Assert.Contains(AuditActions.ApiKeyRevoked, await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task Revoke_AnotherClinicsKey_ChangesNothing()
    {
        var ours = await _app.SeedClinicAsync();
        var theirs = await _app.SeedClinicAsync("Southside SMP");
        await _app.ApiKeyAsync(ours);
        var theirKey = await _app.ApiKeyAsync(theirs);
        var theirId = await _app.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().Where(k => k.ClinicId == theirs.Id).Select(k => k.Id).SingleAsync());
        using var browser = await _app.SignedInAs(ours.Owner);

        Assert.DoesNotContain("Southside", (await browser.GetAsync(Page)).Text);
        await browser.SubmitAsync(Page, "revoke", new Dictionary<string, string?> { ["RevokeId"] = theirId.ToString() });

        Assert.Null(await _app.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().Where(k => k.Id == theirId).Select(k => k.RevokedAtUtc).SingleAsync()));
        Assert.NotNull(theirKey);
    }

    [Theory]
    [InlineData(Data.StaffRoles.Technician)]
    [InlineData(Data.StaffRoles.Reception)]
    public async Task Page_IsForTheOwnerOnly(string role)
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(role == Data.StaffRoles.Technician ? clinic.Technician : clinic.Reception);

        var page = await browser.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/account/denied", page.Location, StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();
}
