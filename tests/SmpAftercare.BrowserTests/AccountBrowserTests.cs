using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Account;
using SmpAftercare.Web.Tests.Infrastructure;
using SmpAftercare.Web.Tests.Reminders;

namespace SmpAftercare.BrowserTests;

/// <summary>The app on a fixed free port, so links in emails point back at it, sending through the test SMTP server.</summary>
public sealed class MailingApp(int port, int smtpPort) : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("PublicBaseUrl", $"http://127.0.0.1:{port}");
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", smtpPort.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:From", "accounts@smp.test");
    }
}

/// <summary>
/// Accounts in a real browser: an owner invites a technician by email, the technician follows the link from the
/// mail the SMTP server received, chooses a password, then turns on two-factor sign-in and signs in with a code
/// computed here as an authenticator app would.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class AccountBrowserTests(BrowserFixture fixture) : IAsyncLifetime, IDisposable
{
    private readonly SmtpSink _smtp = new();
    private MailingApp _app = default!;
    private string _base = default!;

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/account/invitation\?user=\S+")]
    private static partial Regex InvitationLink();

    public async Task InitializeAsync()
    {
        await _smtp.InitializeAsync();
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _app = new MailingApp(port, _smtp.Port);
        _app.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        _app.StartServer();
        _base = $"http://127.0.0.1:{port}/";
    }

    public Task DisposeAsync() => _smtp.DisposeAsync();

    public void Dispose() => _app?.Dispose();

    [Fact]
    public async Task Owner_InvitesByEmail_NewcomerSetsTheirPassword_ThenSignsInWithTwoFactor()
    {
        var clinic = await _app.SeedClinicAsync();
        await using var desk = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _base, ViewportSize = new() { Width = 1024, Height = 768 } });
        var owner = await desk.NewPageAsync();
        await SignInAsync(owner, clinic.Owner.Email, AppFactory.Password);

        await owner.GotoAsync("/staff/new");
        await Expect(owner.Locator("h1")).ToHaveTextAsync("Invite a staff member");
        await Expect(owner.Locator("button[data-testid=send]")).ToBeEnabledAsync();
        await owner.FillAsync("input[data-testid=email]", "not-an-email");
        await Expect(owner.GetByText("Enter a valid email address, like name@example.com.")).ToBeVisibleAsync();
        var email = $"tess-{Guid.NewGuid():N}@example.com";
        await owner.FillAsync("input[data-testid=name]", "Tess Newhire");
        await owner.FillAsync("input[data-testid=email]", email);
        await owner.ClickAsync("button:has-text('Send invitation')");
        await Expect(owner.Locator(".mud-snackbar")).ToContainTextAsync($"Invitation sent to {email}");
        await owner.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("invite-sent.png") });

        var link = InvitationLink().Match(await MailBodyAsync(email)).Value;
        Assert.NotEmpty(link);

        await using var phone = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _base, ViewportSize = new() { Width = 390, Height = 844 } });
        var tess = await phone.NewPageAsync();
        await tess.GotoAsync(link);
        await Expect(tess.Locator("h1")).ToHaveTextAsync("Welcome, Tess Newhire");
        await tess.FillAsync("#password", "Fresh-Start-42");
        await tess.FillAsync("#confirm", "Fresh-Start-42");
        await tess.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("invitation-phone.png") });
        await tess.ClickAsync("button:has-text('Set my password and sign in')");
        await tess.WaitForURLAsync("**/clients");
        await Expect(tess.Locator("h1")).ToHaveTextAsync("Clients");

        await owner.GotoAsync("/staff");
        await Expect(owner.Locator("[data-testid=staff-grid] tbody tr", new() { HasText = "Tess Newhire" })).ToContainTextAsync("Active");
        await owner.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("staff-list-1024.png") });

        // Two-factor: scan (read) the key, type the app's code, keep the recovery codes.
        await tess.GotoAsync("/account/two-factor");
        await Expect(tess.Locator("h1")).ToHaveTextAsync("Two-factor sign-in");
        var key = (await tess.Locator("[data-key]").GetAttributeAsync("data-key"))!;
        await tess.FillAsync("#code", Totp.Code(key, DateTimeOffset.UtcNow));
        await tess.ClickAsync("button:has-text('Turn on two-factor sign-in')");
        await Expect(tess.GetByRole(AriaRole.Heading, new() { Name = "Your recovery codes" })).ToBeVisibleAsync();
        Assert.Equal(10, await tess.Locator(".recovery-codes li").CountAsync());
        await tess.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("recovery-codes-phone.png"), FullPage = true });

        await using var laptop = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _base, ViewportSize = new() { Width = 1280, Height = 800 } });
        var again = await laptop.NewPageAsync();
        await again.GotoAsync("/account/login");
        await again.FillAsync("#email", email);
        await again.FillAsync("#password", "Fresh-Start-42");
        await again.ClickAsync("button[type=submit]");
        await Expect(again.Locator("h1")).ToHaveTextAsync("Enter your sign-in code");
        await again.FillAsync("#code", "000000");
        await again.ClickAsync("button:has-text('Sign in')");
        await Expect(again.GetByRole(AriaRole.Alert)).ToContainTextAsync("That code is not right.");
        await again.FillAsync("#code", Totp.Code(key, DateTimeOffset.UtcNow));
        await again.ClickAsync("button:has-text('Sign in')");
        await again.WaitForURLAsync("**/clients");
        await Expect(again.Locator("h1")).ToHaveTextAsync("Clients");
    }

    [Fact]
    public async Task OneAddressAtTwoClinics_SignInAsksWhichClinic_AndOpensTheChosenOne()
    {
        var a = await _app.SeedClinicAsync("Clinic A");
        var b = await _app.SeedClinicAsync("Clinic B");
        var atB = await _app.AddStaffAsync(b.Id, StaffRoles.Technician, a.Reception.Email, "Fay Freelance");
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _base });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", a.Reception.Email);
        await page.FillAsync("#password", AppFactory.Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Choose your clinic");
        await page.GetByLabel("Clinic B").CheckAsync();
        await page.FillAsync("#password", AppFactory.Password);
        await page.ClickAsync("button[type=submit]");

        await page.WaitForURLAsync("**/clients");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Clients");
        Assert.Equal([atB.Id], await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(e => e.Action == AuditActions.SignedIn).Select(e => e.UserId).ToListAsync()));
    }

    private async Task<string> MailBodyAsync(string to)
    {
        for (var i = 0; i < 100; i++)
        {
            if (_smtp.To(to) is [var mail, ..])
            {
                return mail.Body;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No email reached {to}.");
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private string Artifact(string name) => Path.Combine(fixture.Artifacts, name);
}
