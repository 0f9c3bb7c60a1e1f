using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Account;
using SmpAftercare.Web.Features.Staff;
using SmpAftercare.Web.Infrastructure.Staff;
using SmpAftercare.Web.Tests.Infrastructure;
using SmpAftercare.Web.Tests.Reminders;

namespace SmpAftercare.Web.Tests.Account;

/// <summary>Invitations, forgotten passwords, password changes and "keep me signed in", through the pages.</summary>
public sealed partial class AccountFlowTests(SmtpSink smtp) : IClassFixture<SmtpSink>, IDisposable
{
    private const string NewPassword = "Fresh-Start-42";

    private ReminderApp? _app;

    /// <summary>The app with the test mail server, or with none (then pages hand links over instead of emailing).</summary>
    private ReminderApp App(bool mail) => _app ??= new ReminderApp(mail ? smtp : null);

    private static Dictionary<string, string?> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => (string?)f.Value);

    private static Dictionary<string, string?> NewPasswordFields(string password = NewPassword) =>
        Fields(("Input.Password", password), ("Input.ConfirmPassword", password));

    private static string PathOf(string link) => new Uri(link).PathAndQuery;

    [GeneratedRegex(@"https://smp\.test/account/[a-z-]+\?user=[^\s""<]+")]
    private static partial Regex AccountLink();

    private static async Task<StaffBrowser.Page> SignInAsync(StaffBrowser browser, string email, string password, bool keep = false)
    {
        var values = Fields(("Input.Email", email), ("Input.Password", password));
        if (keep)
        {
            values["Input.KeepSignedIn"] = "true";
        }

        return await browser.SubmitAsync("/account/login", "login", values);
    }

    private async Task<string> WaitForLinkAsync(string to)
    {
        for (var i = 0; i < 100; i++)
        {
            if (smtp.To(to) is [.., var mail] && AccountLink().Match(mail.Body) is { Success: true } match)
            {
                return match.Value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No account email reached {to}.");
    }

    private static async Task<InvitationResult> InviteAsync(ReminderApp app, TestClinic clinic, string name, string email, string role)
    {
        // The page (Components/StaffPagesTests) hands the form to this service; here the link is followed in a browser.
        await using var scope = app.Services.CreateAsyncScope();
        var owner = new StaffMember(clinic.Owner.Id, clinic.Owner.FullName, clinic.Id, StaffRoles.Owner);
        return await scope.ServiceProvider.GetRequiredService<StaffInvitations>().InviteAsync(owner, new NewStaffForm { FullName = name, Email = email, Role = role });
    }

    [Fact]
    public async Task Invite_NoMailServer_OwnerGetsTheLinkAndTheNewcomerSetsTheirPasswordAndIsSignedIn()
    {
        var app = App(mail: false);
        var clinic = await app.SeedClinicAsync();

        var done = await InviteAsync(app, clinic, "Tess Newhire", "tess@northside.example.com", StaffRoles.Technician);

        Assert.False(done.Emailed);
        var link = done.Link!;
        Assert.StartsWith("https://smp.test/account/invitation?user=", link, StringComparison.Ordinal);
        var (clinicId, roles) = await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == "tess@northside.example.com");
            return (user.ClinicId, await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync());
        });
        Assert.Equal(clinic.Id, clinicId);
        Assert.Equal([StaffRoles.Technician], roles);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.Action == "staff.invited" && e.ClinicId == clinic.Id && e.UserId == clinic.Owner.Id)));

        // Not yet accepted: there is no password to sign in with.
        using var tess = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(tess, "tess@northside.example.com", "")).Status);

        var welcome = await tess.GetAsync(PathOf(link));
        Assert.Contains("Welcome, Tess Newhire", welcome.Text, StringComparison.Ordinal);
        var weak = await tess.SubmitAsync(welcome, "invitation", NewPasswordFields("weakpassword"));
        Assert.Contains("Include an upper-case letter.", weak.ValidationMessages);
        var accepted = await tess.SubmitAsync(welcome, "invitation", NewPasswordFields());
        Assert.Equal(HttpStatusCode.Redirect, accepted.Status);
        Assert.Equal("/clients", accepted.Location);
        Assert.Equal(HttpStatusCode.OK, (await tess.GetAsync("/clients")).Status);
        Assert.StartsWith("/account/denied", (await tess.GetAsync("/staff")).Location, StringComparison.Ordinal);

        // The link worked once; the password works from now on.
        Assert.Contains("expired or was already used", (await app.Browser().GetAsync(PathOf(link))).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(app.Browser(), "tess@northside.example.com", NewPassword)).Status);
    }

    [Fact]
    public async Task Invite_WithMailServer_EmailCarriesTheLink_WhichExpiresAfterSevenDays()
    {
        var app = App(mail: true);
        var clinic = await app.SeedClinicAsync();
        var email = $"ivy-{Guid.NewGuid():N}@example.com";

        var done = await InviteAsync(app, clinic, "Ivy Invitee", email, StaffRoles.Reception);

        Assert.True(done.Emailed);
        var mail = smtp.To(email).Single();
        Assert.Contains("Northside SMP", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Owner of Northside SMP has invited you", mail.Body, StringComparison.Ordinal);
        var link = await WaitForLinkAsync(email);

        app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var late = await app.Browser().GetAsync(PathOf(link));
        Assert.Contains("This invitation has expired or was already used", late.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(late.Document.Forms, f => f.QuerySelector("input[name=_handler][value=invitation]") is not null);
    }

    [Fact]
    public async Task Invite_AnotherClinicsAddress_GetsTheInvitationAndMailAnUnusedOneGets_OwnClinicsAddressIsRefused()
    {
        var app = App(mail: true);
        var clinic = await app.SeedClinicAsync("Invite Clinic " + Guid.NewGuid().ToString("N")[..6]);
        var other = await app.SeedClinicAsync("Southside SMP " + Guid.NewGuid().ToString("N")[..6]);
        var unused = $"copy-{Guid.NewGuid():N}@example.com";

        var fresh = await InviteAsync(app, clinic, "Copy Cat", unused, StaffRoles.Technician);
        var theirs = await InviteAsync(app, clinic, "Copy Cat", other.Technician.Email, StaffRoles.Technician);
        var ours = await InviteAsync(app, clinic, "Copy Cat", clinic.Reception.Email, StaffRoles.Technician);

        Assert.Equal((true, true, null, 0), (fresh.Created, fresh.Emailed, fresh.Problem, fresh.FieldErrors.Count));
        Assert.Equal((fresh.Created, fresh.Emailed, fresh.Problem, fresh.FieldErrors.Count), (theirs.Created, theirs.Emailed, theirs.Problem, theirs.FieldErrors.Count));
        Assert.Equal(clinic.Id, theirs.User!.ClinicId);
        // The same mail, word for word but for the link, whether or not another clinic has the address.
        await WaitForLinkAsync(unused);
        await WaitForLinkAsync(other.Technician.Email);
        var mails = new[] { smtp.To(unused).Single(), smtp.To(other.Technician.Email).Single() }
            .Select(m => (m.Subject, Body: AccountLink().Replace(m.Body, "LINK"))).ToList();
        Assert.Equal(mails[0], mails[1]);
        Assert.DoesNotContain(other.Name, mails[1].Body, StringComparison.Ordinal);
        // Only an address this clinic already has is refused, in words about this clinic only.
        Assert.False(ours.Created);
        Assert.Equal(StaffAddresses.ClinicHasAddress, ours.FieldErrors[nameof(NewStaffForm.Email)]);
        Assert.Empty(smtp.To(clinic.Reception.Email));
        Assert.Equal(5, await app.WithDbAsync(db => db.Users.CountAsync(u => u.ClinicId == clinic.Id)));
        Assert.Equal(3, await app.WithDbAsync(db => db.Users.CountAsync(u => u.ClinicId == other.Id)));
    }

    [Fact]
    public async Task ForgotPassword_AddressAtTwoClinics_OneMailWithALinkPerClinic_EachResetsOnlyItsOwnAccount()
    {
        var app = App(mail: true);
        var a = await app.SeedClinicAsync("Reset A " + Guid.NewGuid().ToString("N")[..6]);
        var b = await app.SeedClinicAsync("Reset B " + Guid.NewGuid().ToString("N")[..6]);
        var email = a.Technician.Email;
        var atB = await app.AddStaffAsync(b.Id, StaffRoles.Reception, email, "Fay Freelance", "Other-Clinic-Pass-9");
        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";

        var forTwo = await app.Browser().SubmitAsync("/account/forgot-password", "forgot", Fields(("Input.Email", email)));
        var forUnknown = await app.Browser().SubmitAsync("/account/forgot-password", "forgot", Fields(("Input.Email", unknown)));

        Assert.Equal(forUnknown.Text.Replace(unknown, "X", StringComparison.Ordinal), forTwo.Text.Replace(email, "X", StringComparison.Ordinal));
        await WaitForLinkAsync(email);
        var body = Assert.Single(smtp.To(email)).Body.ReplaceLineEndings("\n");
        var links = AccountLink().Matches(body).Select(m => m.Value).ToList();
        Assert.Equal(2, links.Count);
        var linkForB = links.Single(l => body.Contains($"{b.Name}:\n{l}", StringComparison.Ordinal));
        Assert.Contains($"{a.Name}:\n", body, StringComparison.Ordinal);

        using var browser = app.Browser();
        var form = await browser.GetAsync(PathOf(linkForB));
        Assert.Contains($"For {email} at {b.Name}.", form.Text, StringComparison.Ordinal);
        Assert.Contains("Your password is changed", (await browser.SubmitAsync(form, "reset", NewPasswordFields())).Text, StringComparison.Ordinal);

        // B's account has the new password; A's keeps its own, and each opens only its clinic.
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(app.Browser(), email, NewPassword)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(app.Browser(), email, AppFactory.Password)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(app.Browser(), email, "Other-Clinic-Pass-9")).Status);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.Action == "account.password-reset" && e.UserId == atB.Id)));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.Action == "account.password-reset" && e.UserId == a.Technician.Id)));
    }

    [Fact]
    public async Task ForgotPassword_SameAnswerForAnyAddress_OnlyARealAccountGetsALink_WhichWorksOnce()
    {
        var app = App(mail: true);
        var clinic = await app.SeedClinicAsync("Reset Clinic " + Guid.NewGuid().ToString("N")[..6]);
        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";

        var forKnown = await app.Browser().SubmitAsync("/account/forgot-password", "forgot", Fields(("Input.Email", clinic.Technician.Email)));
        var forUnknown = await app.Browser().SubmitAsync("/account/forgot-password", "forgot", Fields(("Input.Email", unknown)));

        Assert.Equal(forKnown.Text.Replace(clinic.Technician.Email, "X", StringComparison.Ordinal), forUnknown.Text.Replace(unknown, "X", StringComparison.Ordinal));
        var link = await WaitForLinkAsync(clinic.Technician.Email);
        Assert.StartsWith("https://smp.test/account/reset-password?", link, StringComparison.Ordinal);
        Assert.Empty(smtp.To(unknown));

        using var browser = app.Browser();
        var weak = await browser.SubmitAsync(PathOf(link), "reset", NewPasswordFields("short"));
        Assert.Contains("Use at least 10 characters.", weak.ValidationMessages);
        var reset = await browser.SubmitAsync(PathOf(link), "reset", NewPasswordFields());
        Assert.Contains("Your password is changed", reset.Text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(app.Browser(), clinic.Technician.Email, AppFactory.Password)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(app.Browser(), clinic.Technician.Email, NewPassword)).Status);
        Assert.Contains("expired or was already used", (await app.Browser().GetAsync(PathOf(link))).Text, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.Action == "account.password-reset" && e.UserId == clinic.Technician.Id)));
    }

    [Fact]
    public async Task ForgotPassword_LinkOlderThanTwoHours_Refused()
    {
        var app = App(mail: true);
        var clinic = await app.SeedClinicAsync("Late Clinic " + Guid.NewGuid().ToString("N")[..6]);
        await app.Browser().SubmitAsync("/account/forgot-password", "forgot", Fields(("Input.Email", clinic.Reception.Email)));
        var link = await WaitForLinkAsync(clinic.Reception.Email);

        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        var page = await app.Browser().GetAsync(PathOf(link));

        Assert.Contains("This link has expired or was already used", page.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(app.Browser(), clinic.Reception.Email, AppFactory.Password)).Status);
    }

    [Fact]
    public async Task ForgotPassword_NoMailServer_SaysSoPlainly()
    {
        var app = App(mail: false);
        await app.SeedClinicAsync();

        var page = await app.Browser().GetAsync("/account/forgot-password");

        Assert.Contains("no mail server set up, so it cannot email you a reset link", page.Text, StringComparison.Ordinal);
        Assert.Empty(page.Document.Forms);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentRefused_RightOneChangesItAndStaysSignedIn()
    {
        var app = App(mail: false);
        var clinic = await app.SeedClinicAsync();
        using var tech = await app.SignedInAs(clinic.Technician);

        var wrong = await tech.SubmitAsync("/account", "password", Fields(("Input.CurrentPassword", "Not-it-123"), ("Input.NewPassword", NewPassword), ("Input.ConfirmPassword", NewPassword)));
        Assert.Contains("Your current password is not right.", wrong.ValidationMessages);

        var mismatch = await tech.SubmitAsync("/account", "password", Fields(("Input.CurrentPassword", AppFactory.Password), ("Input.NewPassword", NewPassword), ("Input.ConfirmPassword", NewPassword + "x")));
        Assert.Contains("The two passwords do not match.", mismatch.ValidationMessages);

        var changed = await tech.SubmitAsync("/account", "password", Fields(("Input.CurrentPassword", AppFactory.Password), ("Input.NewPassword", NewPassword), ("Input.ConfirmPassword", NewPassword)));
        Assert.Contains("Password changed.", changed.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await tech.GetAsync("/clients")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(app.Browser(), clinic.Technician.Email, AppFactory.Password)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(app.Browser(), clinic.Technician.Email, NewPassword)).Status);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.Action == "account.password-changed" && e.UserId == clinic.Technician.Id)));
    }

    [Fact]
    public async Task KeepMeSignedIn_CookieOutlivesTheBrowser_OtherwiseASessionCookie()
    {
        var app = App(mail: false);
        var clinic = await app.SeedClinicAsync();

        var kept = await SignInAsync(app.Browser(), clinic.Owner.Email, AppFactory.Password, keep: true);
        var notKept = await SignInAsync(app.Browser(), clinic.Technician.Email, AppFactory.Password);

        var keptCookie = kept.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("smp.staff=", StringComparison.Ordinal));
        var expires = DateTimeOffset.Parse(Regex.Match(keptCookie, "expires=([^;]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        // The cookie handler runs on the app's clock (the test's).
        Assert.InRange(expires - app.Clock.GetUtcNow(), TimeSpan.FromDays(13.9), TimeSpan.FromDays(14.1));
        Assert.DoesNotContain("expires=", notKept.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("smp.staff=", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIns_AndRefusals_AreInTheAuditLogInPlainWords()
    {
        var app = App(mail: false);
        var clinic = await app.SeedClinicAsync();
        await SignInAsync(app.Browser(), clinic.Technician.Email, "Wrong-password-1");
        await SignInAsync(app.Browser(), clinic.Technician.Email, AppFactory.Password, keep: true);
        using var owner = await app.SignedInAs(clinic.Owner);

        // The rows the activity log page shows (the page itself: Components/ListPagesTests).
        var log = await app.WithDbAsync(async db => (await Web.Features.Audit.AuditQuery.PageAsync(db, await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == clinic.Id),
            new Web.Features.Audit.AuditFilter(), 0)).Rows);

        var rows = log.Select(r => $"{r.UserName} {r.What} {r.Details}").ToList();
        Assert.Contains(rows, r => r.Contains(clinic.Technician.FullName, StringComparison.Ordinal) && r.Contains("Sign-in refused", StringComparison.Ordinal) && r.Contains("wrong password", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(clinic.Technician.FullName, StringComparison.Ordinal) && r.Contains("Signed in", StringComparison.Ordinal) && r.Contains("kept signed in on this device", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(clinic.Owner.FullName, StringComparison.Ordinal) && r.Contains("Signed in", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("account.sign", StringComparison.Ordinal));
    }

    public void Dispose() => _app?.Dispose();
}
