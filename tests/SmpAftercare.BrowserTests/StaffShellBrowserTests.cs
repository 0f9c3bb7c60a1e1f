using Microsoft.Playwright;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.BrowserTests;

/// <summary>The interactive staff shell in a real browser: layout, circuit, sign-out.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class StaffShellBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task SignedInStaff_GetTheInteractiveShell_AtDeskAndPhoneWidths()
    {
        await using var desk = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), ViewportSize = new() { Width = 1024, Height = 768 } });
        var page = await desk.NewPageAsync();
        var sockets = 0;
        page.WebSocket += (_, _) => sockets++;
        await SignInAsync(page, fixture.Clinic.Technician);

        await page.GotoAsync("/");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Today");
        await Expect(page.Locator("[data-testid=clinic-name]")).ToHaveTextAsync("Northside SMP");
        await Expect(page.Locator("[data-testid=user-name]")).ToHaveTextAsync(fixture.Clinic.Technician.FullName);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Clients" })).ToBeVisibleAsync();
        Assert.True(sockets >= 1, "a staff page runs on a circuit");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("shell-1024.png") });

        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Today");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling on a phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("shell-phone.png") });
    }

    [Fact]
    public async Task ALinkClickedBeforeThePageRespondsYet_OpensThePageItNames()
    {
        await using var desk = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await desk.NewPageAsync();
        await SignInAsync(page, fixture.Clinic.Technician);
        // A slow connection: the circuit has started on this address, but the server's first answers are held back,
        // so the page is painted and not yet live when the person clicks.
        var held = new List<Action>();
        var holding = true;
        var firstHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteWebSocketAsync("**/_blazor?id=*", socket =>
        {
            var server = socket.ConnectToServer();
            var answers = 0;
            socket.OnMessage(message => Forward(message, server.Send, server.Send));
            server.OnMessage(message =>
            {
                if (holding && answers++ > 0)
                {
                    lock (held)
                    {
                        held.Add(() => Forward(message, socket.Send, socket.Send));
                    }

                    firstHeld.TrySetResult();

                    return;
                }

                Forward(message, socket.Send, socket.Send);
            });
        });

        await page.GotoAsync("/");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Today");
        await firstHeld.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await page.GetByRole(AriaRole.Link, new() { Name = "Clients" }).ClickAsync();
        await page.WaitForURLAsync("**/clients");
        lock (held)
        {
            holding = false;
            held.ForEach(send => send());
        }

        await WaitUntilInteractiveAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Clients");
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Clients"));
    }

    private static void Forward(IWebSocketFrame frame, Action<string> text, Action<byte[]> binary)
    {
        if (frame.Binary is { } bytes)
        {
            binary(bytes);
        }
        else
        {
            text(frame.Text!);
        }
    }

    internal static async Task SignInAsync(IPage page, TestStaff staff)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", staff.Email);
        await page.FillAsync("#password", AppFactory.Password);
        await page.ClickAsync("button[type=submit]");
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"Sign-in as {staff.Email} stayed on the sign-in page: {await page.Locator("main").InnerTextAsync()}");
        }
    }

    /// <summary>Until the page answers clicks and typing: the first paint is prerendered, the circuit follows.</summary>
    internal static Task WaitUntilInteractiveAsync(IPage page) =>
        page.Locator(".staff-circuit[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private string Artifact(string name) => Path.Combine(fixture.Artifacts, name);
}

[Collection(BrowserTestGroup.Name)]
public sealed class StaffSessionBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task SwitchedOffUser_TheirOpenPageIsSignedOut_WithoutTouchingIt()
    {
        var app = fixture.App;
        var staff = await app.AddStaffAsync(fixture.Clinic.Id, SmpAftercare.Data.StaffRoles.Reception, "leaving@northsidesmp.example.com", "Sam Leaving");
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await StaffShellBrowserTests.SignInAsync(page, staff);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("[data-testid=user-name]")).ToHaveTextAsync("Sam Leaving");

        // The owner switches the account off (what the staff page does: switched off, new security stamp).
        await app.WithDbAsync(async db =>
        {
            var user = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.Id == staff.Id);
            user.DisabledAtUtc = app.Clock.GetUtcNow().UtcDateTime;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            return await db.SaveChangesAsync();
        });

        // Nobody clicks anything: the open page's own re-check (every second in tests, every minute live) signs it out.
        await page.WaitForURLAsync("**/account/login**", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/account/login**");
    }
}
