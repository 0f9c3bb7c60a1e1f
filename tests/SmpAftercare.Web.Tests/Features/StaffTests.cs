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

    private async Task<(StaffUser User, IList<string> Roles)?> FindAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByEmailAsync(email);
        return user is null ? null : (user, await users.GetRolesAsync(user));
    }

    private async Task<StaffBrowser.Page> SignInPageAsync(string email, string password)
    {
        using var browser = _app.Browser();
        return await browser.SubmitAsync("/account/login", "login", new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = password });
    }

    [Fact]
    public async Task List_ShowsThisClinicsStaffOnlyWithRoleAndState()
    {
        var a = await _app.SeedClinicAsync("Clinic A");
        var b = await _app.SeedClinicAsync("Clinic B");
        using var owner = await _app.SignedInAs(a.Owner);

        var page = await owner.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = page.Document.QuerySelectorAll("table.staff tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r.Contains(a.Technician.FullName, StringComparison.Ordinal) && r.Contains(a.Technician.Email, StringComparison.Ordinal)
            && r.Contains(StaffRoles.Technician, StringComparison.Ordinal) && r.Contains("Active", StringComparison.Ordinal));
        Assert.DoesNotContain(b.Owner.Email, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(b.Technician.FullName, page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeRole_TechnicianToReception_NextSignInHasTheNewRole()
    {
        var clinic = await _app.SeedClinicAsync();
        using var owner = await _app.SignedInAs(clinic.Owner);

        var result = await owner.SubmitAsync($"/staff/{clinic.Technician.Id}", "role", new Dictionary<string, string?> { ["RoleInput.Role"] = StaffRoles.Reception });

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal([StaffRoles.Reception], (await FindAsync(clinic.Technician.Email))!.Value.Roles);
        using var former = await _app.SignedInAs(clinic.Technician);
        var client = await _app.AddClientAsync(clinic, "Sam Client");
        var clientPage = await former.GetAsync($"/clients/{client}");
        Assert.Equal(HttpStatusCode.OK, clientPage.Status);
        Assert.DoesNotContain("Log session", clientPage.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeRole_OwnerDemotingThemself_RefusedAndStillOwner()
    {
        var clinic = await _app.SeedClinicAsync();
        using var owner = await _app.SignedInAs(clinic.Owner);

        var page = await owner.SubmitAsync($"/staff/{clinic.Owner.Id}", "role", new Dictionary<string, string?> { ["RoleInput.Role"] = StaffRoles.Technician });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("You cannot change your own role. Another owner can.", page.ValidationMessages);
        Assert.Equal([StaffRoles.Owner], (await FindAsync(clinic.Owner.Email))!.Value.Roles);
    }

    [Fact]
    public async Task SwitchOff_Member_CannotSignInUntilSwitchedBackOn()
    {
        var clinic = await _app.SeedClinicAsync();
        using var owner = await _app.SignedInAs(clinic.Owner);

        var result = await owner.SubmitAsync($"/staff/{clinic.Technician.Id}", "status");

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, (await FindAsync(clinic.Technician.Email))!.Value.User.DisabledAtUtc);
        var refused = await SignInPageAsync(clinic.Technician.Email, AppFactory.Password);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("This account has been switched off. Ask the clinic owner.", refused.ValidationMessages);
        Assert.Contains("Switched off", (await owner.GetAsync("/staff")).Text, StringComparison.Ordinal);

        await owner.SubmitAsync($"/staff/{clinic.Technician.Id}", "status");

        Assert.Null((await FindAsync(clinic.Technician.Email))!.Value.User.DisabledAtUtc);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInPageAsync(clinic.Technician.Email, AppFactory.Password)).Status);
    }

    [Fact]
    public async Task SwitchOff_OwnerThemself_RefusedAndStillActive()
    {
        var clinic = await _app.SeedClinicAsync();
        using var owner = await _app.SignedInAs(clinic.Owner);

        var page = await owner.SubmitAsync($"/staff/{clinic.Owner.Id}", "status");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("You cannot switch off your own account: the clinic must always keep an owner who can sign in.", page.ValidationMessages);
        Assert.Null((await FindAsync(clinic.Owner.Email))!.Value.User.DisabledAtUtc);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInPageAsync(clinic.Owner.Email, AppFactory.Password)).Status);
    }

    [Fact]
    public async Task Unlock_LockedMember_CanSignInAgain()
    {
        var clinic = await _app.SeedClinicAsync();
        for (var i = 0; i < 5; i++)
        {
            await SignInPageAsync(clinic.Reception.Email, "Wrong-password-1");
        }

        using var owner = await _app.SignedInAs(clinic.Owner);
        Assert.Contains("Locked", (await owner.GetAsync("/staff")).Text, StringComparison.Ordinal);

        var result = await owner.SubmitAsync($"/staff/{clinic.Reception.Id}", "unlock");

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInPageAsync(clinic.Reception.Email, AppFactory.Password)).Status);
    }

    [Fact]
    public async Task OtherClinicsMember_NotFoundAndCannotBeSwitchedOff()
    {
        var a = await _app.SeedClinicAsync("Clinic A");
        var b = await _app.SeedClinicAsync("Clinic B");
        using var ownerB = await _app.SignedInAs(b.Owner);

        Assert.Equal(HttpStatusCode.NotFound, (await ownerB.GetAsync($"/staff/{a.Technician.Id}")).Status);

        // A genuine token from B's own page, aimed at A's technician.
        var own = await ownerB.GetAsync($"/staff/{b.Technician.Id}");
        var token = own.Form("status").QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Task<HttpResponseMessage> SwitchOff(string id) => ownerB.Client.PostAsync($"/staff/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "status",
            ["__RequestVerificationToken"] = token,
        }));

        var response = await SwitchOff(a.Technician.Id);

        // The page renders nothing for an unknown id, so the post finds no form: refused either way.
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        Assert.Null((await FindAsync(a.Technician.Email))!.Value.User.DisabledAtUtc);
        // The same post for B's own technician works, so the refusal above was about the clinic, not the token.
        Assert.Equal(HttpStatusCode.Redirect, (await SwitchOff(b.Technician.Id)).StatusCode);
        Assert.NotNull((await FindAsync(b.Technician.Email))!.Value.User.DisabledAtUtc);
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
