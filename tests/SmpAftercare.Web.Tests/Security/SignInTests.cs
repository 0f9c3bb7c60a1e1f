using System.Net;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Tests.ClientLink;
using SmpAftercare.Web.Tests.Infrastructure;
using static SmpAftercare.Web.Tests.Security.SecurityBrowsers;

namespace SmpAftercare.Web.Tests.Security;

public sealed class SignInTests : IDisposable
{
    private readonly ClientLinkAppFactory _app = new();
    private readonly HashWorkApp _hashes = new();

    [Fact]
    public async Task PasswordSpraying_FromOneAddress_StopsAfterTenFailures_WithA429_WhileOtherAddressesSignIn()
    {
        var clinic = await _app.SeedClinicAsync();
        using var sprayer = _app.From("203.0.113.7");
        var emails = new[] { clinic.Owner.Email, clinic.Technician.Email, clinic.Reception.Email }
            .Concat(Enumerable.Range(1, 22).Select(i => $"person{i}@northside.example.com")).ToList();

        var statuses = new List<HttpStatusCode>();
        foreach (var email in emails)
        {
            statuses.Add((await sprayer.SubmitAsync("/account/login", "login", Credentials(email, "Summer-2026x"))).Status);
        }

        Assert.Equal(25, statuses.Count);
        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(statuses.Skip(10), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        // Refused before the password is looked at: even the right one waits.
        var blocked = await sprayer.SubmitAsync("/account/login", "login", Credentials(clinic.Owner.Email, AppFactory.Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.Status);
        Assert.Contains("Too many failed sign-ins from your network. Wait 15 minutes and try again.", blocked.ValidationMessages);
        Assert.Equal(TimeSpan.FromMinutes(15), blocked.Response.Headers.RetryAfter?.Delta);
        // No account was locked by the spraying beyond its own failures, and other addresses are not held up.
        using var colleague = _app.From("198.51.100.20");
        await colleague.SignInAsync(clinic.Technician.Email, AppFactory.Password);

        _app.Clock.Advance(TimeSpan.FromMinutes(15));
        await sprayer.SignInAsync(clinic.Owner.Email, AppFactory.Password);
    }

    [Fact]
    public async Task IPv6_CountsPerSlash64_SoHoppingAddressesInItDoesNotHelp()
    {
        var clinic = await _app.SeedClinicAsync();
        for (var i = 1; i <= 10; i++)
        {
            using var hopper = _app.From($"2001:db8:5:7::{i:x}");
            Assert.Equal(HttpStatusCode.OK, (await hopper.SubmitAsync("/account/login", "login", Credentials($"person{i}@northside.example.com", "Summer-2026x"))).Status);
        }

        using var next = _app.From("2001:db8:5:7:ffff::1");
        using var elsewhere = _app.From("2001:db8:5:8::1");

        Assert.Equal(HttpStatusCode.TooManyRequests, (await next.SubmitAsync("/account/login", "login", Credentials(clinic.Owner.Email, AppFactory.Password))).Status);
        await elsewhere.SignInAsync(clinic.Owner.Email, AppFactory.Password);
    }

    [Fact]
    public async Task UnknownEmail_CostsTheSamePasswordCheckAsAnAccountsWrongPassword()
    {
        var clinic = await _hashes.SeedClinicAsync();
        using var browser = _hashes.Browser();
        _hashes.Verified.Clear();

        var known = await browser.SubmitAsync("/account/login", "login", Credentials(clinic.Technician.Email, "Wrong-Password-1"));
        var knownWork = _hashes.Verified.ToList();
        _hashes.Verified.Clear();
        var unknown = await browser.SubmitAsync("/account/login", "login", Credentials("nobody@northside.example.com", "Wrong-Password-1"));
        var unknownWork = _hashes.Verified.ToList();

        Assert.Equal([1_000], knownWork); // one hash check at the app's iteration count (the tests' count, AppFactory)
        Assert.Equal(knownWork, unknownWork);
        Assert.Equal(known.Status, unknown.Status);
        Assert.Equal(known.ValidationMessages, unknown.ValidationMessages);
    }

    [Fact]
    public async Task SwitchedOffAccount_SaysSoOnlyAfterTheRightPassword()
    {
        var clinic = await _app.SeedClinicAsync();
        await _app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == clinic.Technician.Id)).DisabledAtUtc = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
            return await db.SaveChangesAsync();
        });
        using var browser = _app.Browser();

        var wrong = await browser.SubmitAsync("/account/login", "login", Credentials(clinic.Technician.Email, "Wrong-Password-1"));
        var right = await browser.SubmitAsync("/account/login", "login", Credentials(clinic.Technician.Email, AppFactory.Password));

        Assert.Equal(["The email or password is not right."], wrong.ValidationMessages);
        Assert.DoesNotContain("switched off", wrong.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.Status); // not signed in
        Assert.Equal(["This account has been switched off. Ask the clinic owner."], right.ValidationMessages);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/clients")).Status);
    }

    public void Dispose()
    {
        _app.Dispose();
        _hashes.Dispose();
    }
}
