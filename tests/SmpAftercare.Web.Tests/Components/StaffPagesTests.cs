using System.Net;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Staff;
using SmpAftercare.Web.Infrastructure.Staff;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Components;

/// <summary>The owner's staff pages (list, member, invitation) as an owner uses them, on the real database.</summary>
public sealed class StaffPagesTests(ComponentApp fixture) : StaffComponentTest(fixture)
{
    /// <summary>A clinic of its own per test, so one test's switched-off account is not another's.</summary>
    private async Task<TestClinic> OwnClinicAsync()
    {
        var clinic = await App.SeedClinicAsync("Staff Test " + Guid.NewGuid().ToString("N")[..8]);
        SignInAs(clinic.Owner, clinic.Id);
        return clinic;
    }

    private async Task<(StaffUser User, IList<string> Roles)> FindAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        return (user, await users.GetRolesAsync(user));
    }

    private async Task<HttpStatusCode> SignInStatusAsync(string email, string password = AppFactory.Password)
    {
        using var browser = App.Browser();
        return (await browser.SubmitAsync("/account/login", "login", new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = password })).Status;
    }

    /// <summary>The layout's providers; the returned ones show dialogs and snackbars.</summary>
    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars) Providers()
    {
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        Render<MudPopoverProvider>();
        return (dialogs, snackbars);
    }

    private IRenderedComponent<StaffMemberPage> Member(string id)
    {
        var page = Render<StaffMemberPage>(p => p.Add(m => m.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=access]")));
        return page;
    }

    [Fact]
    public async Task List_ShowsThisClinicsStaffOnly_WithRoleAndState()
    {
        var a = await OwnClinicAsync();
        var b = await App.SeedClinicAsync("Other " + Guid.NewGuid().ToString("N")[..8]);

        var page = Render<StaffList>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=staff-grid] tbody tr").Count));
        var rows = page.FindAll("[data-testid=staff-grid] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains(a.Technician.FullName) && r.Contains(a.Technician.Email) && r.Contains(StaffRoles.Technician) && r.Contains("Active"));
        Assert.Contains(rows, r => r.Contains(a.Owner.FullName) && r.Contains("you"));
        Assert.DoesNotContain(b.Owner.Email, page.Markup);
        Assert.DoesNotContain(b.Technician.FullName, page.Markup);
    }

    [Fact]
    public async Task ChangeRole_TechnicianToReception_SavedWithASnackbar_AndTheirSessionsEnd()
    {
        var clinic = await OwnClinicAsync();
        var stampBefore = (await FindAsync(clinic.Technician.Email)).User.SecurityStamp;
        var (_, providers) = Providers();
        var page = Member(clinic.Technician.Id);
        Assert.True(page.Find("[data-testid=save-role]").HasAttribute("disabled")); // nothing changed yet

        await page.InvokeAsync(() => page.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync(StaffRoles.Reception));
        page.Find("[data-testid=save-role]").Click();

        providers.WaitForAssertion(() => Assert.Contains("Role changed to Reception.", providers.Markup));
        var (user, roles) = await FindAsync(clinic.Technician.Email);
        Assert.Equal([StaffRoles.Reception], roles);
        Assert.NotEqual(stampBefore, user.SecurityStamp);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.ClinicId == clinic.Id && e.Action == "staff.role-changed" && e.Details == $"{clinic.Technician.FullName}: Technician to Reception")));
    }

    [Fact]
    public async Task OwnPage_RoleAndSwitchOffAreDisabled_AndTheServerRefusesThemToo()
    {
        var clinic = await OwnClinicAsync();

        var page = Member(clinic.Owner.Id);

        Assert.Contains("You cannot change your own role or switch off your own account", page.Markup);
        Assert.True(page.Find("[data-testid=save-role]").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid=switch-off]").HasAttribute("disabled"));
        var me = new StaffMember(clinic.Owner.Id, clinic.Owner.FullName, clinic.Id, StaffRoles.Owner);
        await using var scope = App.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<StaffAdministration>();
        Assert.Equal(StaffAdministration.NotYourOwnRole, await admin.ChangeRoleAsync(me, clinic.Owner.Id, StaffRoles.Technician));
        Assert.Equal(StaffAdministration.NotYourOwnAccess, await admin.SetAccessAsync(me, clinic.Owner.Id, switchedOn: false));
        var (user, roles) = await FindAsync(clinic.Owner.Email);
        Assert.Equal([StaffRoles.Owner], roles);
        Assert.Null(user.DisabledAtUtc);
    }

    [Fact]
    public async Task SwitchOff_AsksFirst_ThenTheyCannotSignInUntilSwitchedBackOn()
    {
        var clinic = await OwnClinicAsync();
        var (dialogs, providers) = Providers();
        var page = Member(clinic.Technician.Id);

        page.Find("[data-testid=switch-off]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Switch off this account?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep it on").Click();
        Assert.Null((await FindAsync(clinic.Technician.Email)).User.DisabledAtUtc);

        page.Find("[data-testid=switch-off]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Switch off this account?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Switch off").Click();

        providers.WaitForAssertion(() => Assert.Contains("Account switched off.", providers.Markup));
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime, (await FindAsync(clinic.Technician.Email)).User.DisabledAtUtc);
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(clinic.Technician.Email));
        page.WaitForAssertion(() => Assert.Contains("Switched off", page.Find("[data-testid=access]").TextContent));

        page.Find("[data-testid=switch-on]").Click();

        providers.WaitForAssertion(() => Assert.Contains("Account switched back on.", providers.Markup));
        Assert.Null((await FindAsync(clinic.Technician.Email)).User.DisabledAtUtc);
        Assert.Equal(HttpStatusCode.Redirect, await SignInStatusAsync(clinic.Technician.Email));
    }

    [Fact]
    public async Task Unlock_LockedMember_CanSignInAgain()
    {
        var clinic = await OwnClinicAsync();
        for (var i = 0; i < 5; i++)
        {
            await SignInStatusAsync(clinic.Reception.Email, "Wrong-password-1");
        }

        var page = Member(clinic.Reception.Id);
        Assert.Contains("Locked", page.Find("[data-testid=access]").TextContent);

        page.Find("[data-testid=unlock]").Click();

        page.WaitForAssertion(() => Assert.Contains("Active", page.Find("[data-testid=access]").TextContent));
        Assert.Equal(HttpStatusCode.Redirect, await SignInStatusAsync(clinic.Reception.Email));
    }

    [Fact]
    public async Task OtherClinicsMember_CannotBeChanged()
    {
        var a = await App.SeedClinicAsync("Clinic A " + Guid.NewGuid().ToString("N")[..8]);
        var b = await OwnClinicAsync();
        var ownerB = new StaffMember(b.Owner.Id, b.Owner.FullName, b.Id, StaffRoles.Owner);
        await using var scope = App.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<StaffAdministration>();

        Assert.Null(await admin.FindAsync(b.Id, a.Technician.Id));
        Assert.NotNull(await admin.SetAccessAsync(ownerB, a.Technician.Id, switchedOn: false));
        Assert.NotNull(await admin.ChangeRoleAsync(ownerB, a.Technician.Id, StaffRoles.Owner));
        Assert.NotNull(await admin.UnlockAsync(ownerB, a.Technician.Id));

        var (user, roles) = await FindAsync(a.Technician.Email);
        Assert.Equal([StaffRoles.Technician], roles);
        Assert.Null(user.DisabledAtUtc);
    }

    [Fact]
    public async Task Invite_ValidatesAsYouType_RefusesBadInput_ThenHandsOverTheLink()
    {
        var clinic = await OwnClinicAsync();
        var (_, providers) = Providers();
        var page = Render<StaffNew>();
        Assert.Contains("no mail server set up", page.Find("[data-testid=no-mail]").TextContent);

        page.Find("input[data-testid=email]").Input("tess-at-northside");
        page.WaitForAssertion(() => Assert.Contains("Enter a valid email address, like name@example.com.", page.Markup));
        page.Find("[data-testid=send]").Click();
        page.WaitForAssertion(() => Assert.Contains("Enter the staff member's full name.", page.Find("[data-testid=problems]").TextContent));
        Assert.Equal("tess-at-northside", page.Find("input[data-testid=email]").GetAttribute("value"));
        Assert.Equal(3, await App.WithDbAsync(db => db.Users.CountAsync(u => u.ClinicId == clinic.Id)));

        page.Find("input[data-testid=name]").Input("Tess Newhire");
        page.Find("input[data-testid=email]").Input(clinic.Reception.Email);
        page.Find("[data-testid=send]").Click();
        page.WaitForAssertion(() => Assert.Contains(SmpAftercare.Web.Features.Account.StaffAddresses.ClinicHasAddress, page.Markup));

        var email = $"tess-{Guid.NewGuid():N}@example.com";
        page.Find("input[data-testid=email]").Input(email);
        page.Find("[data-testid=send]").Click();

        page.WaitForAssertion(() => Assert.Contains("/account/invitation?user=", page.Find("input[data-testid=invitation-link]").GetAttribute("value")));
        providers.WaitForAssertion(() => Assert.Contains("Tess Newhire is invited: hand over the link.", providers.Markup));
        var (user, roles) = await FindAsync(email);
        Assert.Equal((clinic.Id, "Tess Newhire", false), (user.ClinicId, user.FullName, user.PasswordHash is not null));
        Assert.Equal([StaffRoles.Technician], roles);
    }
}
