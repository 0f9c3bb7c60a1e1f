using System.Net;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Api;

/// <summary>The owner's page at /settings/api-keys.</summary>
public sealed class ApiKeysPageTests : IDisposable
{
    private const string Page = "/settings/api-keys";

    private readonly AppFactory _app = new();

    // Creating, showing once and revoking (with its confirmation) run in the interactive page: Components/SettingsPagesTests.
    [Fact]
    public async Task Page_PrerendersForTheOwner_WithTheirKeysOnly()
    {
        var ours = await _app.SeedClinicAsync();
        var theirs = await _app.SeedClinicAsync("Southside SMP");
        await _app.ApiKeyAsync(theirs, label: "Southside booking");
        using var browser = await _app.SignedInAs(ours.Owner);

        var page = await browser.GetAsync(Page);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("API keys", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.DoesNotContain("Southside", page.Text, StringComparison.Ordinal);
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
