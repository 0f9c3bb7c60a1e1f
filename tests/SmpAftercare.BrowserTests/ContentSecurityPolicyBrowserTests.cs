using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace SmpAftercare.BrowserTests;

/// <summary>
/// Every interactive (MudBlazor) staff page under the app's Content-Security-Policy: the browser reports nothing
/// blocked, at tablet and phone widths. Screenshots go to the artifacts folder for a person to look at.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture fixture)
{
    /// <summary>The staff pages on the interactive shell, with the heading each shows once loaded.</summary>
    public static TheoryData<string, string> StaffPages => new()
    {
        { "/", "Today" },
        { "/clients", "Clients" },
        { "/clients/new", "New client" },
        { "/reminders", "Reminders" },
        { "/reminders/settings", "Reminder settings" },
        { "/settings", "Clinic settings" },
        { "/settings/api-keys", "API keys" },
        { "/audit", "Activity log" },
        { "/staff", "Staff" },
    };

    // Collects what the browser reports: the DOM event for each blocked load or inline use, from the first byte of each page.
    private const string ListenForViolations =
        "window.__cspViolations = [];" +
        "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));";

    [Theory]
    [MemberData(nameof(StaffPages))]
    public async Task StaffPage_LoadsAndRunsWithNothingBlocked_AtTabletAndPhoneWidths(string path, string heading)
    {
        foreach (var (width, height, name) in new[] { (1024, 768, "1024"), (390, 844, "phone") })
        {
            await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = fixture.BaseAddress.ToString(),
                ViewportSize = new() { Width = width, Height = height },
            });
            var page = await context.NewPageAsync();
            await page.AddInitScriptAsync(ListenForViolations);
            var refused = new ConcurrentQueue<string>();
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Refused to", StringComparison.Ordinal) || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                {
                    refused.Enqueue(message.Text);
                }
            };
            await StaffShellBrowserTests.SignInAsync(page, fixture.Clinic.Owner);

            var response = await page.GotoAsync(path);

            Assert.NotNull(response);
            Assert.False(string.IsNullOrEmpty(await response.HeaderValueAsync("content-security-policy")), $"{path} sends a Content-Security-Policy");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            await StaffShellBrowserTests.WaitUntilInteractiveAsync(page);
            var file = $"csp-{(path == "/" ? "today" : path.Trim('/').Replace('/', '-'))}-{name}.png";
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.Artifacts, file), FullPage = true });

            var violations = await page.EvaluateAsync<string[]>("window.__cspViolations");
            Assert.True(violations.Length == 0 && refused.IsEmpty,
                $"{path} at {width}px: {string.Join("; ", violations.Concat(refused))}");
        }
    }
}
