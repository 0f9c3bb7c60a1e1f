using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Jobs;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Jobs;

/// <summary>The background jobs dashboard shows every clinic's jobs: the installation's operator only.</summary>
public sealed class OperatorDashboardTests : IDisposable
{
    private readonly AppFactory _app = new();

    [Fact]
    public async Task OwnerWhoSetsUpAFreshInstallation_IsItsOperator_AndSeesTheDashboard()
    {
        using var browser = _app.Browser();
        var setup = await browser.SubmitAsync("/setup", "setup", new Dictionary<string, string?>
        {
            ["Input.Clinic.Name"] = "Fade Studio",
            ["Input.Clinic.TimeZoneId"] = "America/Chicago",
            ["Input.Clinic.Locale"] = "en-US",
            ["Input.OwnerName"] = "Dana Owner",
            ["Input.OwnerEmail"] = "dana@fade.example.com",
            ["Input.Password"] = "Str0ngEnough",
            ["Input.ConfirmPassword"] = "Str0ngEnough",
        });
        Assert.Equal("/?welcome=true", setup.Location);

        var dashboard = await browser.GetAsync(BackgroundJobsSetup.DashboardPath);

        Assert.Equal(HttpStatusCode.OK, dashboard.Status);
        Assert.Contains("SmpAftercare background jobs", dashboard.Body, StringComparison.Ordinal);
        // The recurring jobs page lists what this installation schedules (the web tests switch dispatch off).
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(BackgroundJobsSetup.DashboardPath + "/recurring")).Status);
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        await _app.SeedClinicAsync();
        using var anonymous = _app.Browser();

        var page = await anonymous.GetAsync(BackgroundJobsSetup.DashboardPath);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/account/login", page.Location, StringComparison.Ordinal);
        Assert.DoesNotContain("background jobs", page.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ClinicOwnerWithoutTheRole_IsRefusedWith403()
    {
        // Seeded straight into the database, not through set-up: an owner like any other, no Operator role.
        var clinic = await _app.SeedClinicAsync();
        using var owner = await _app.SignedInAs(clinic.Owner);

        var page = await owner.GetAsync(BackgroundJobsSetup.DashboardPath);
        var denied = await owner.GetAsync(page.Location!);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/account/denied", page.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Contains("Not allowed", denied.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.GetAsync(BackgroundJobsSetup.DashboardPath + "/recurring")).Status);
    }

    [Fact]
    public async Task Operator_SeesTheDashboard_AndTheStaffPagesStillShowTheirClinicRole()
    {
        var clinic = await _app.SeedClinicAsync();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByIdAsync(clinic.Owner.Id))!, StaffRoles.Operator)).Succeeded);
        }

        using var owner = await _app.SignedInAs(clinic.Owner);

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(BackgroundJobsSetup.DashboardPath)).Status);
        var staff = await owner.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.OK, staff.Status);
        Assert.Equal(StaffRoles.Owner, SmpAftercare.Web.Features.Staff.StaffMembers.ClinicRole([StaffRoles.Operator, StaffRoles.Owner]));
    }

    public void Dispose() => _app.Dispose();
}
