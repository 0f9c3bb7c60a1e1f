using System.Net;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Features.Settings;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Account;

/// <summary>Authenticator set-up, the code step at sign-in, recovery codes, and the clinic's requirement.</summary>
public sealed class TwoFactorTests : IDisposable
{
    private readonly AppFactory _app = new();

    private static Dictionary<string, string?> Credentials(string email) =>
        new() { ["Input.Email"] = email, ["Input.Password"] = AppFactory.Password };

    private static Dictionary<string, string?> Code(string code) => new() { ["Input.Code"] = code };

    /// <summary>Sets up two-factor for a signed-in browser as a person would: read the key, type the app's code.</summary>
    private static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(StaffBrowser browser)
    {
        var setup = await browser.GetAsync("/account/two-factor");
        var key = setup.Document.QuerySelector("[data-key]")!.GetAttribute("data-key")!;
        Assert.NotNull(setup.Document.QuerySelector(".acc-qr svg"));

        var done = await browser.SubmitAsync(setup, "enable", Code(Totp.Code(key, DateTimeOffset.UtcNow)));

        Assert.Contains("Two-factor sign-in is on.", done.Text, StringComparison.Ordinal);
        var codes = done.Document.QuerySelectorAll(".recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Count);
        return (key, codes);
    }

    [Fact]
    public async Task Enrol_ThenSignIn_AsksForTheCode_WrongRefusedAndAudited_RightSignsIn()
    {
        var clinic = await _app.SeedClinicAsync();
        using (var first = await _app.SignedInAs(clinic.Technician))
        {
            var wrong = await first.SubmitAsync("/account/two-factor", "enable", Code("000000"));
            Assert.Contains("That code is not right.", string.Join(' ', wrong.ValidationMessages), StringComparison.Ordinal);
            var (key, _) = await EnrolAsync(first);
            // Turning it on changed the security stamp; this browser took the new one and is still signed in.
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/clients")).Status);
            Assert.Contains("On.", (await first.GetAsync("/account/two-factor")).Text, StringComparison.Ordinal);

            using var browser = _app.Browser();
            var password = await browser.SubmitAsync("/account/login", "login", Credentials(clinic.Technician.Email));
            Assert.Equal(HttpStatusCode.Redirect, password.Status);
            Assert.StartsWith("/account/login/two-factor", password.Location, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/clients")).Status);

            var refused = await browser.SubmitAsync(password.Location!, "two-factor", Code("123456"));
            Assert.Contains("That code is not right.", string.Join(' ', refused.ValidationMessages), StringComparison.Ordinal);
            var signedIn = await browser.SubmitAsync(password.Location!, "two-factor", Code(Totp.Code(key, DateTimeOffset.UtcNow)));
            Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
            Assert.Equal("/clients", signedIn.Location);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/clients")).Status);
        }

        var actions = await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(e => e.UserId == clinic.Technician.Id)
            .OrderBy(e => e.Id).Select(e => e.Action + ":" + e.Details).ToListAsync());
        Assert.Contains("account.two-factor-on:", actions);
        Assert.Contains("account.sign-in-failed:wrong authenticator code", actions);
        Assert.Contains("account.signed-in:with an authenticator code", actions);
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce()
    {
        var clinic = await _app.SeedClinicAsync();
        IReadOnlyList<string> codes;
        using (var owner = await _app.SignedInAs(clinic.Owner))
        {
            (_, codes) = await EnrolAsync(owner);
        }

        async Task<StaffBrowser.Page> SignInWith(string code)
        {
            using var browser = _app.Browser();
            var password = await browser.SubmitAsync("/account/login", "login", Credentials(clinic.Owner.Email));
            return await browser.SubmitAsync(password.Location!, "two-factor", Code(code));
        }

        Assert.Equal("/clients", (await SignInWith(codes[3])).Location);
        Assert.Equal(HttpStatusCode.OK, (await SignInWith(codes[3])).Status);
        Assert.Equal("/clients", (await SignInWith(codes[4])).Location);
    }

    [Fact]
    public async Task ClinicRequirement_StaffWithoutItAreSentToSetUpFirst_OwnerMustHaveItBeforeRequiringIt()
    {
        var clinic = await _app.SeedClinicAsync();
        using var owner = await _app.SignedInAs(clinic.Owner);
        // What the interactive settings page saves with (the page itself: Components/SettingsPagesTests).
        var me = new SmpAftercare.Web.Infrastructure.Staff.StaffMember(clinic.Owner.Id, clinic.Owner.FullName, clinic.Id, SmpAftercare.Data.StaffRoles.Owner);
        async Task<SaveOutcome> RequireAsync()
        {
            var form = ClinicSettingsForm.From(await _app.WithDbAsync(db => db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == clinic.Id)));
            form.RequireTwoFactor = true;
            return await _app.WithDbAsync(db => ClinicSettingsSave.SaveAsync(db, me, form, _app.Clock.GetUtcNow().UtcDateTime));
        }

        Assert.Equal("Turn on two-factor sign-in for your own account first (Your account, at the top).", (await RequireAsync()).Refusal);

        await EnrolAsync(owner);
        Assert.Equal(new SaveOutcome(null, true), await RequireAsync());
        Assert.True(await _app.WithDbAsync(db => db.Clinics.IgnoreQueryFilters().Where(c => c.Id == clinic.Id).Select(c => c.RequireTwoFactor).SingleAsync()));

        using var tech = await _app.SignedInAs(clinic.Technician);
        var sent = await tech.GetAsync("/clients");
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.Equal("/account/two-factor?required=true", sent.Location);
        var setup = await tech.GetAsync(sent.Location!);
        Assert.Contains("Your clinic asks everyone to sign in with a code", setup.Text, StringComparison.Ordinal);

        await EnrolAsync(tech);
        Assert.Equal(HttpStatusCode.OK, (await tech.GetAsync("/clients")).Status);
        var enrolled = await tech.GetAsync("/account/two-factor");
        Assert.Contains("cannot be turned off", enrolled.Text, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => enrolled.Form("turn-off"));
    }

    [Fact]
    public async Task TurnOff_ThenSignInNeedsOnlyThePassword()
    {
        var clinic = await _app.SeedClinicAsync();
        using var tech = await _app.SignedInAs(clinic.Technician);
        await EnrolAsync(tech);

        var off = await tech.SubmitAsync("/account/two-factor", "turn-off");

        Assert.Contains("Off", (await tech.GetAsync("/account")).Text, StringComparison.Ordinal);
        Assert.NotNull(off.Document.QuerySelector("[data-key]"));
        using var again = _app.Browser();
        Assert.Equal("/clients", (await again.SubmitAsync("/account/login", "login", Credentials(clinic.Technician.Email))).Location);
        Assert.True(await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.Action == "account.two-factor-off" && e.UserId == clinic.Technician.Id)));
    }

    public void Dispose() => _app.Dispose();
}
