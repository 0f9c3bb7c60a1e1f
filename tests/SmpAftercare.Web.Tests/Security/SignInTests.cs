using System.Net;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure;
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

    [Fact]
    public async Task OneAddressAtTwoClinics_SamePassword_AsksWhichClinic_NamingThemOnlyAfterThePassword()
    {
        var a = await _app.SeedClinicAsync("Clinic A");
        var b = await _app.SeedClinicAsync("Clinic B");
        var atB = await _app.AddStaffAsync(b.Id, StaffRoles.Technician, a.Reception.Email, "Fay Freelance");
        using var browser = _app.Browser();

        var wrong = await browser.SubmitAsync("/account/login", "login", Credentials(a.Reception.Email, "Wrong-Password-1"));
        var unknown = await browser.SubmitAsync("/account/login", "login", Credentials("nobody@clinica.example.com", "Wrong-Password-1"));
        var choose = await browser.SubmitAsync("/account/login", "login", Credentials(a.Reception.Email.ToUpperInvariant(), AppFactory.Password));

        // A wrong password gets the page an unknown address gets: no clinic, no choice.
        Assert.Equal(["The email or password is not right."], wrong.ValidationMessages);
        Assert.Equal((unknown.Status, unknown.Text), (wrong.Status, wrong.Text));
        Assert.Empty(wrong.Document.QuerySelectorAll("input[type=radio]"));
        Assert.Equal(HttpStatusCode.OK, choose.Status);
        Assert.Equal("Choose your clinic", choose.Document.QuerySelector("h1")?.TextContent);
        Assert.Equal(["Clinic A", "Clinic B"], choose.Document.QuerySelectorAll("fieldset label").Select(l => l.TextContent.Trim()));
        Assert.Equal(string.Empty, choose.FieldValue("Input.Password")); // not sent back into the page
        Assert.Empty(choose.ValidationMessages);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/clients")).Status); // not signed in yet

        var otherwise = await browser.SubmitAsync(choose, "login", new Dictionary<string, string?> { ["Input.ClinicId"] = b.Id.ToString(), ["Input.Password"] = "Wrong-Password-1" });
        Assert.Equal(["The email or password is not right."], otherwise.ValidationMessages);
        Assert.Empty(otherwise.Document.QuerySelectorAll("input[type=radio]"));
        var chosen = await browser.SubmitAsync(choose, "login", new Dictionary<string, string?> { ["Input.ClinicId"] = b.Id.ToString(), ["Input.Password"] = AppFactory.Password });

        Assert.Equal(HttpStatusCode.Redirect, chosen.Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/clients")).Status);
        Assert.Equal([atB.Id], await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(e => e.Action == AuditActions.SignedIn).Select(e => e.UserId).ToListAsync()));
    }

    [Fact]
    public async Task OneAddressAtTwoClinics_EachPasswordOpensItsOwnClinic_AndDoesNotCountAgainstTheOther()
    {
        var a = await _app.SeedClinicAsync("Clinic A");
        var b = await _app.SeedClinicAsync("Clinic B");
        var atB = await _app.AddStaffAsync(b.Id, StaffRoles.Technician, a.Reception.Email, "Fay Freelance", "Other-Clinic-Pass-9");

        for (var i = 0; i < 6; i++)
        {
            using var browser = _app.Browser();
            await browser.SignInAsync(a.Reception.Email, "Other-Clinic-Pass-9");
        }

        using var atA = _app.Browser();
        await atA.SignInAsync(a.Reception.Email, AppFactory.Password);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Users.Where(u => u.Id == a.Reception.Id).Select(u => u.AccessFailedCount).SingleAsync()));
        Assert.False(await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.Action == AuditActions.SignInFailed)));
        Assert.Equal(6, await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(e => e.Action == AuditActions.SignedIn && e.UserId == atB.Id)));
    }

    [Fact]
    public async Task OneAddressAtTwoClinics_WrongPasswords_CountAgainstBoth_AndLockBoth()
    {
        var a = await _app.SeedClinicAsync("Clinic A");
        var b = await _app.SeedClinicAsync("Clinic B");
        await _app.AddStaffAsync(b.Id, StaffRoles.Technician, a.Reception.Email, "Fay Freelance", "Other-Clinic-Pass-9");
        using var browser = _app.Browser();

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answers.AddRange((await browser.SubmitAsync("/account/login", "login", Credentials(a.Reception.Email, "Wrong-Password-1"))).ValidationMessages);
        }

        Assert.Equal([.. Enumerable.Repeat("The email or password is not right.", 4), "Too many failed attempts: this account is locked for 15 minutes."], answers);
        Assert.Equal(["Too many failed attempts: this account is locked for 15 minutes."],
            (await browser.SubmitAsync("/account/login", "login", Credentials(a.Reception.Email, "Other-Clinic-Pass-9"))).ValidationMessages);
        Assert.Equal(["Too many failed attempts: this account is locked for 15 minutes."],
            (await browser.SubmitAsync("/account/login", "login", Credentials(a.Reception.Email, AppFactory.Password))).ValidationMessages);
    }

    [Fact]
    public async Task OneAddressAtTwoClinics_WrongPassword_CostsOneHashCheckPerAccount()
    {
        var a = await _hashes.SeedClinicAsync("Clinic A");
        var b = await _hashes.SeedClinicAsync("Clinic B");
        await _hashes.AddStaffAsync(b.Id, StaffRoles.Technician, a.Reception.Email, "Fay Freelance");
        using var browser = _hashes.Browser();
        _hashes.Verified.Clear();

        var page = await browser.SubmitAsync("/account/login", "login", Credentials(a.Reception.Email, "Wrong-Password-1"));

        // Written down in docs/security.md: several accounts take longer than one, whichever clinics they are at.
        Assert.Equal([1_000, 1_000], _hashes.Verified);
        Assert.Equal(["The email or password is not right."], page.ValidationMessages);
    }

    public void Dispose()
    {
        _app.Dispose();
        _hashes.Dispose();
    }
}
