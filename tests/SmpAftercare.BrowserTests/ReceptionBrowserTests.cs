using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SmpAftercare.BrowserTests;

/// <summary>Reception at the front desk (1024x768 tablet): adds a client with a few mistakes on the way, then finds them.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class ReceptionBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Reception_AddsAClient_FixingMistakesAsTheyType_ThenFindsThemBySearch()
    {
        await using var desk = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), ViewportSize = new() { Width = 1024, Height = 768 } });
        var page = await desk.NewPageAsync();
        await StaffShellBrowserTests.SignInAsync(page, fixture.Clinic.Reception);

        await page.GotoAsync("/clients/new");
        await Expect(page.Locator("h1")).ToHaveTextAsync("New client");
        await StaffShellBrowserTests.WaitUntilInteractiveAsync(page);
        await page.FillAsync("#client-name", "Riley Frontdesk");
        await page.FillAsync("#client-email", "riley@gmail");
        await page.FillAsync("#client-phone", "07700 9001");
        await Expect(page.GetByText("Enter a valid email address, like name@example.com.")).ToBeVisibleAsync();
        await Expect(page.GetByText("This is not a complete phone number.", new() { Exact = false })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("reception-new-client-errors.png"), FullPage = true });

        await page.FillAsync("#client-email", "riley.frontdesk.appointments@northside-clinic.co.uk");
        await page.FillAsync("#client-phone", "07700 900777");
        await page.ClickAsync("[data-testid=save-client]");
        await page.WaitForURLAsync(ClientPageUrl());
        await Expect(page.Locator("h1")).ToContainTextAsync("Riley Frontdesk");

        await page.GotoAsync("/clients");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Clients");
        await StaffShellBrowserTests.WaitUntilInteractiveAsync(page);
        await page.FillAsync("input[type=search]", "07700 900777");
        await Expect(page.Locator(".client-row")).ToHaveCountAsync(1);
        await Expect(page.Locator(".client-row")).ToContainTextAsync("Riley Frontdesk");
        await Expect(page.Locator(".client-row")).ToContainTextAsync("+447700900777");
        // A long email address wraps after its @ instead of pushing the last column out of view on a tablet.
        var sessions = await page.GetByRole(AriaRole.Columnheader, new() { Name = "Sessions" }).BoundingBoxAsync();
        Assert.True(sessions is not null && sessions.X + sessions.Width <= 1024, $"the Sessions column ends at {sessions?.X + sessions?.Width} px, past the 1024 px screen");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("reception-client-list.png"), FullPage = true });
        // The address keeps the search, so a reload or a shared link shows the same list.
        await page.WaitForURLAsync(url => url.Contains("q=07700", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientsPersonalLink_IsStatic_NoWebSocketNoMudBlazor()
    {
        var client = await SmpAftercare.Web.Tests.Infrastructure.TestDataExtensions.Client(fixture.App, fixture.Clinic).Named("Casey Static").WithSession("2026-02-27 10:00").SaveAsync();
        await using var tech = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var staff = await tech.NewPageAsync();
        await StaffShellBrowserTests.SignInAsync(staff, fixture.Clinic.Technician);
        await staff.GotoAsync($"/clients/{client.Id}");
        await StaffShellBrowserTests.WaitUntilInteractiveAsync(staff);
        await staff.ClickAsync("[data-testid=create-link]");
        await Expect(staff.Locator("#client-link-url")).ToHaveValueAsync(new Regex("/c/"));
        var link = await staff.Locator("#client-link-url").InputValueAsync();

        await using var phone = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 } });
        var mobile = await phone.NewPageAsync();
        var sockets = 0;
        var requested = new List<string>();
        mobile.WebSocket += (_, _) => sockets++;
        mobile.Request += (_, r) => requested.Add(r.Url);
        await mobile.GotoAsync(link);
        await Expect(mobile.Locator("h1")).ToBeVisibleAsync();
        await mobile.WaitForTimeoutAsync(1500); // a circuit would have opened by now

        Assert.Equal(0, sockets);
        Assert.DoesNotContain(requested, u => u.Contains("blazor", StringComparison.OrdinalIgnoreCase) || u.Contains("MudBlazor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientPage_CopiesTheLink_ReplacesItAfterAskingFirst_AndFitsATabletAndAPhone()
    {
        var client = await SmpAftercare.Web.Tests.Infrastructure.TestDataExtensions.Client(fixture.App, fixture.Clinic).Named("Jamie Timeline").WithSession("2026-02-27 10:00").SaveAsync();
        await using var tablet = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(), ViewportSize = new() { Width = 1024, Height = 768 }, Permissions = ["clipboard-read", "clipboard-write"],
        });
        var page = await tablet.NewPageAsync();
        await StaffShellBrowserTests.SignInAsync(page, fixture.Clinic.Technician);

        await page.GotoAsync($"/clients/{client.Id}");
        await Expect(page.Locator("h1")).ToContainTextAsync("Jamie Timeline");
        await StaffShellBrowserTests.WaitUntilInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=timeline-chart] .tl-bar").First).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=create-link]");
        await Expect(page.Locator("#client-link-url")).ToHaveValueAsync(new Regex("/c/[A-Za-z0-9_-]{43}$"));
        var first = await page.Locator("#client-link-url").InputValueAsync();

        await page.ClickAsync("[data-testid=copy-link]");
        await Expect(page.GetByText("Link copied.")).ToBeVisibleAsync();
        Assert.Equal(first, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await page.ClickAsync("[data-testid=toggle-qr]");
        await Expect(page.Locator("[data-testid=client-link-qr] svg")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("client-page-tablet.png"), FullPage = true });
        // The chart scrolls inside its own box: the page itself is no wider than the tablet.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 1024"));

        await page.ClickAsync("[data-testid=replace-link]");
        await Expect(page.GetByText("Replace the personal link?")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("client-page-replace-dialog.png") });
        await page.ClickAsync("button:has-text('Replace link')");
        await Expect(page.GetByText("Link replaced.", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.Locator("#client-link-url")).Not.ToHaveValueAsync(first);
        using (var http = new HttpClient())
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(first)).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(await page.Locator("#client-link-url").InputValueAsync())).StatusCode);
        }

        await page.SetViewportSizeAsync(390, 844);
        await Expect(page.Locator("[data-testid=timeline-chart]")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("client-page-phone.png"), FullPage = true });
        // Names what sticks out, so a failure says where to look.
        var wider = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > 391)
            .filter(e => !e.closest('.tl-scroll, .mud-table-container'))
            .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
            .concat([document.documentElement.scrollWidth + ' wide'])");
        Assert.Equal(["390 wide"], wider);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private string Artifact(string name) => Path.Combine(fixture.Artifacts, name);

    [GeneratedRegex(@"/clients/[0-9a-f-]{36}$")]
    private static partial Regex ClientPageUrl();
}
