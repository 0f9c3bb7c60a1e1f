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

        await page.FillAsync("#client-email", "riley@example.com");
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
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("reception-client-list.png"), FullPage = true });
        Assert.Contains("q=07700", page.Url, StringComparison.Ordinal);
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

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private string Artifact(string name) => Path.Combine(fixture.Artifacts, name);

    [GeneratedRegex(@"/clients/[0-9a-f-]{36}$")]
    private static partial Regex ClientPageUrl();
}
