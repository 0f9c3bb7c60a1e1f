using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Data;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

public sealed class StaffTests : IDisposable
{
    private readonly AppFactory _app = new();

    [Fact]
    public async Task OtherClinicsMember_NotFound()
    {
        var a = await _app.SeedClinicAsync("Clinic A");
        var b = await _app.SeedClinicAsync("Clinic B");
        using var ownerB = await _app.SignedInAs(b.Owner);

        Assert.Equal(HttpStatusCode.NotFound, (await ownerB.GetAsync($"/staff/{a.Technician.Id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await ownerB.GetAsync($"/staff/{b.Technician.Id}")).Status);
        // Changes through the page go through StaffAdministration, which refuses other clinics' accounts:
        // Components/StaffPagesTests.OtherClinicsMember_CannotBeChanged.
    }

    [Theory]
    [InlineData(StaffRoles.Technician, "/staff")]
    [InlineData(StaffRoles.Reception, "/staff")]
    [InlineData(StaffRoles.Technician, "/staff/new")]
    [InlineData(StaffRoles.Reception, "/staff/new")]
    public async Task Staff_NotOwner_SentToAccessDenied(string role, string url)
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(role == StaffRoles.Technician ? clinic.Technician : clinic.Reception);

        var page = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/account/denied", page.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_Anonymous_SentToSignIn()
    {
        await _app.SeedClinicAsync();
        using var browser = _app.Browser();

        var page = await browser.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/account/login", page.Location, StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();
}
