using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Admin;
using SmpAftercare.Web.Features.Jobs;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Admin;

/// <summary>`operator grant EMAIL` / `operator revoke EMAIL`, run as the built app against the test's database.</summary>
public sealed class OperatorCliTests : IDisposable
{
    private readonly AppFactory _app = new();

    private Task<CliResult> Cli(params string[] args) => CliProcess.RunAsync(_app.DataDirectory, _app.DatabasePath, args);

    [Fact]
    public async Task Grant_AddressAtTwoClinics_ListsThemAndTakesTheClinicToChoose()
    {
        var a = await _app.SeedClinicAsync("Clinic A");
        var b = await _app.SeedClinicAsync("Clinic B");
        var atB = await _app.AddStaffAsync(b.Id, StaffRoles.Technician, a.Owner.Email, "Dana Freelance");

        var unclear = await Cli("operator", "grant", a.Owner.Email);
        var chosen = await Cli("operator", "grant", a.Owner.Email, "--clinic", b.Id.ToString());

        Assert.Equal(AdminCli.Failed, unclear.ExitCode);
        Assert.Contains($"has an account at 2 clinics: {a.Id:D} (Clinic A), {b.Id:D} (Clinic B). Say which with --clinic CLINIC_ID.", unclear.Error, StringComparison.Ordinal);
        Assert.True(chosen.ExitCode == 0, chosen.ToString());
        var operators = await _app.WithDbAsync(db => db.UserRoles.Join(db.Roles.Where(r => r.Name == StaffRoles.Operator), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId).ToListAsync());
        Assert.Equal([atB.Id], operators);
    }

    [Fact]
    public async Task Grant_OpensTheDashboardToThatAccount_RevokeClosesIt_BothAudited()
    {
        var clinic = await _app.SeedClinicAsync();
        using (var before = await _app.SignedInAs(clinic.Owner))
        {
            Assert.StartsWith("/account/denied", (await before.GetAsync(BackgroundJobsSetup.DashboardPath)).Location, StringComparison.Ordinal);
        }

        var granted = await Cli("operator", "grant", clinic.Owner.Email);

        Assert.True(granted.ExitCode == 0, granted.ToString());
        Assert.Equal(clinic.Owner.Email, granted.Output.Trim());
        Assert.Contains("is now an operator", granted.Error, StringComparison.Ordinal);
        using var operatorBrowser = await _app.SignedInAs(clinic.Owner);
        Assert.Equal(HttpStatusCode.OK, (await operatorBrowser.GetAsync(BackgroundJobsSetup.DashboardPath)).Status);

        var again = await Cli("operator", "grant", "--email", clinic.Owner.Email);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already an operator: nothing changed", again.Error, StringComparison.Ordinal);

        var revoked = await Cli("operator", "revoke", clinic.Owner.Email);

        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.Contains("is no longer an operator", revoked.Error, StringComparison.Ordinal);
        Assert.Contains("No operator is left", revoked.Error, StringComparison.Ordinal);
        // The session opened while they were an operator loses the dashboard once its sign-in is re-checked.
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.StartsWith("/account/", (await operatorBrowser.GetAsync(BackgroundJobsSetup.DashboardPath)).Location, StringComparison.Ordinal);
        using (var after = await _app.SignedInAs(clinic.Owner))
        {
            Assert.StartsWith("/account/denied", (await after.GetAsync(BackgroundJobsSetup.DashboardPath)).Location, StringComparison.Ordinal);
            // Still the clinic's owner: only the installation role went.
            Assert.Equal(HttpStatusCode.OK, (await after.GetAsync("/settings")).Status);
        }

        var audit = await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.ClinicId == clinic.Id && a.Action.StartsWith("operator."))
            .OrderBy(a => a.AtUtc).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.OperatorGranted, AuditActions.OperatorRevoked], audit);
    }

    [Fact]
    public async Task FirstClinicCreatedOnTheCommandLine_ItsOwnerIsTheOperator_TheSecondClinicsOwnerIsNot()
    {
        string[] Create(string name, string email) =>
            ["clinic", "create", "--name", name, "--time-zone", "Europe/London", "--owner-email", email, "--owner-password", "Str0ngEnough"];

        Assert.Equal(0, (await Cli(Create("Fade Studio", "dana@fade.example.com"))).ExitCode);
        Assert.Equal(0, (await Cli(Create("Second Studio", "sam@second.example.com"))).ExitCode);

        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Assert.Equal(["dana@fade.example.com"], (await users.GetUsersInRoleAsync(StaffRoles.Operator)).Select(u => u.Email));
    }

    [Fact]
    public async Task UnknownAccount_Exits1AndChangesNothing()
    {
        await _app.SeedClinicAsync();

        var result = await Cli("operator", "grant", "nobody@example.com");

        Assert.Equal(AdminCli.Failed, result.ExitCode);
        Assert.Contains("There is no staff account with the email nobody@example.com.", result.Error, StringComparison.Ordinal);
        await using var scope = _app.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().GetUsersInRoleAsync(StaffRoles.Operator));
    }

    public void Dispose() => _app.Dispose();
}
