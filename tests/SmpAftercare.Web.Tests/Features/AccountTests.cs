using System.Net;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

public sealed class AccountTests : IDisposable
{
    private readonly AppFactory _app = new();

    private static Dictionary<string, string?> Credentials(string email, string password) =>
        new() { ["Input.Email"] = email, ["Input.Password"] = password };

    [Fact]
    public async Task StaffPage_Anonymous_RedirectsToSignIn()
    {
        await _app.SeedClinicAsync();
        using var browser = _app.Browser();

        var page = await browser.GetAsync("/clients");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/account/login", new Uri(new Uri("http://x"), page.Location).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_RightPassword_GoesToClients()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = _app.Browser();

        var result = await browser.SubmitAsync("/account/login", "login", Credentials(clinic.Technician.Email, AppFactory.Password));

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal("/clients", result.Location);
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoAndKeepsEmail()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = _app.Browser();

        var page = await browser.SubmitAsync("/account/login", "login", Credentials(clinic.Owner.Email, "Wrong-password-1"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("The email or password is not right.", page.ValidationMessages);
        Assert.Equal(clinic.Owner.Email, page.FieldValue("Input.Email"));
    }

    [Fact]
    public async Task SignIn_EmptyFields_AsksForThem()
    {
        await _app.SeedClinicAsync();
        using var browser = _app.Browser();

        var page = await browser.SubmitAsync("/account/login", "login", Credentials("", ""));

        Assert.Contains("Enter your email address.", page.ValidationMessages);
        Assert.Contains("Enter your password.", page.ValidationMessages);
    }

    [Fact]
    public async Task SignIn_FiveFailures_LockTheAccountEvenForTheRightPassword()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = _app.Browser();
        for (var i = 0; i < 5; i++)
        {
            await browser.SubmitAsync("/account/login", "login", Credentials(clinic.Reception.Email, "Wrong-password-1"));
        }

        var page = await browser.SubmitAsync("/account/login", "login", Credentials(clinic.Reception.Email, AppFactory.Password));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Too many failed attempts: this account is locked for 15 minutes.", page.ValidationMessages);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Owner);
        var clients = await browser.GetAsync("/clients");

        var result = await browser.SubmitAsync(clients, "logout");

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/clients")).Status);
    }

    [Fact]
    public async Task SignOut_ACookieCopiedBeforeSignOut_NoLongerOpensStaffPages()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = _app.Browser();
        var signIn = await browser.SubmitAsync("/account/login", "login", Credentials(clinic.Owner.Email, AppFactory.Password));
        var copied = SignInCookie(signIn);
        var clients = await browser.GetAsync("/clients");
        using var thief = _app.Browser();
        thief.Client.DefaultRequestHeaders.Add("Cookie", copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/clients")).Status); // the copy works while signed in

        await browser.SubmitAsync(clients, "logout");

        var after = await thief.GetAsync("/clients");
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.StartsWith("/account/login", after.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwitchedOffAccount_ItsOpenSignInStopsAtTheNextRequest()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Technician);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/clients")).Status);

        await _app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == clinic.Technician.Id);
            user.DisabledAtUtc = DateTime.UtcNow;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            return await db.SaveChangesAsync();
        });

        var page = await browser.GetAsync("/clients");
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/account/login", page.Location, StringComparison.Ordinal);
    }

    private static string SignInCookie(StaffBrowser.Page signIn) =>
        signIn.Response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("smp.staff=", StringComparison.Ordinal));

    [Fact]
    public async Task SignIn_ReturnUrlToAnotherSite_IsIgnored()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = _app.Browser();

        var result = await browser.SubmitAsync("/account/login?returnUrl=//evil.example.com/", "login", Credentials(clinic.Owner.Email, AppFactory.Password));

        Assert.Equal("/clients", result.Location);
    }

    public void Dispose() => _app.Dispose();
}
