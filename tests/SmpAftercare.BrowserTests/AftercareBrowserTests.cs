using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SmpAftercare.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmpAftercare.BrowserTests;

/// <summary>
/// A technician's day in a real browser: sign in, add a client, log a session, print the aftercare sheet; then the
/// client opens the link from the sheet on a phone. The app's clock starts at Mon 2 Mar 2026 10:00 in London.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class AftercareBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Technician_PrintsTheSheet_OnePageWithTheClientsDates_ThenThePhoneOpensTheLink()
    {
        var app = fixture.App;
        app.Clock.Set(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await using var desk = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await desk.NewPageAsync();

        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", fixture.Clinic.Technician.Email);
        await page.FillAsync("#password", AppFactory.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/clients");

        await page.GotoAsync("/clients/new");
        await StaffShellBrowserTests.WaitUntilInteractiveAsync(page);
        await page.FillAsync("#client-name", "Jordan Blake");
        await page.FillAsync("#client-email", "jordan@example.com");
        await page.ClickAsync("button:has-text('Save client')");
        await page.WaitForURLAsync(ClientPage());

        await page.ClickAsync("a:has-text('Log session')");
        await page.WaitForURLAsync("**/sessions/new");
        await StaffShellBrowserTests.WaitUntilInteractiveAsync(page);
        Assert.Equal("02/03/2026", await page.InputValueAsync("#session-date")); // today on the clinic's calendar
        await page.ClickAsync("button:has-text('Log session')");
        await Expect(page.Locator(".mud-snackbar", new() { HasText = "Session 1 logged for Jordan Blake." })).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=back-to-client]");
        await page.WaitForURLAsync(ClientPage());

        await page.ClickAsync("[data-testid=create-link]");
        await Expect(page.Locator("#client-link-url")).ToHaveValueAsync(LinkUrl());
        await page.Locator("#personal-link").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("client-page.png") });

        await page.ClickAsync("a[title='Print aftercare sheet']");
        await page.WaitForURLAsync("**/print");
        await Expect(page.Locator(".sheet-qr svg")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("nav").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("sheet-screen.png"), FullPage = true });

        foreach (var paper in new[] { PaperFormat.A4, PaperFormat.Letter })
        {
            var pdf = Artifact($"sheet-{paper}.pdf");
            await page.PdfAsync(new PagePdfOptions { Path = pdf, Format = paper, PrintBackground = true });
            Assert.Matches(@"Pages:\s+1\n", await Run("pdfinfo", pdf));
            var text = Squash(await Run("pdftotext", "-layout", pdf, "-"));
            Assert.Contains("Jordan Blake", text);
            Assert.Contains("Northside SMP", text);
            Assert.Contains("+44 20 7946 0000", text);
            Assert.Contains("Session 1 on Monday, 2 March 2026", text);
            Assert.Matches(@"Shaving your head .*?Fri 6 Mar Sat 7 Mar", text);
            Assert.Matches(@"Getting your scalp wet .*?Thu 5 Mar Fri 6 Mar", text);
            Assert.Matches(@"Soap, shampoo and conditioner .*?Wed 11 Mar Thu 12 Mar", text);
            Assert.Matches(@"Swimming .*?Sun 15 Mar Mon 16 Mar", text);
            Assert.Contains("call the clinic, or a doctor, at once", text);
            Assert.DoesNotContain("Print", text); // the toolbar stays on screen
        }

        await Run("pdftoppm", "-png", "-r", "60", "-singlefile", Artifact("sheet-A4.pdf"), Artifact("sheet-A4"));
        var link = (await page.Locator(".sheet-url").TextContentAsync())!.Trim();
        Assert.StartsWith(fixture.BaseAddress.ToString().TrimEnd('/') + "/c/", link, StringComparison.Ordinal);

        // Three days later the client opens the link on a phone.
        app.Clock.Set(new DateTimeOffset(2026, 3, 5, 8, 30, 0, TimeSpan.Zero));
        await using var phone = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new() { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
        });
        var mobile = await phone.NewPageAsync();
        var requested = new List<string>();
        mobile.Request += (_, request) => requested.Add(request.Url);
        var response = await mobile.GotoAsync(link);

        Assert.Equal(200, response!.Status);
        Assert.Equal("no-referrer", await response.HeaderValueAsync("referrer-policy"));
        await Expect(mobile.Locator("h1")).ToHaveTextAsync("Day 3 after your 1st session: keep it dry");
        await Expect(mobile.Locator(".cl-next")).ToContainTextAsync("From Friday 6 March (tomorrow): You can rinse your scalp with warm water again.");
        await Expect(mobile.Locator(".cl-days li[aria-current=date]")).ToContainTextAsync("Thu 5 Mar");
        var headline = await mobile.Locator("h1").BoundingBoxAsync();
        Assert.True(headline!.Width <= 390, "the headline fits the phone's width");
        Assert.True(await mobile.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling on a phone");
        Assert.True(await mobile.EvaluateAsync<double>("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)") >= 26, "today's status is in big type");
        Assert.All(requested, url => Assert.StartsWith(fixture.BaseAddress.ToString(), url, StringComparison.Ordinal));
        await mobile.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("phone-top.png") });
        await mobile.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("phone-full.png"), FullPage = true });
        var height = await mobile.EvaluateAsync<int>("document.documentElement.scrollHeight");
        for (var (top, part) = (0, 1); top < height; top += 844, part++)
        {
            // Screen-sized slices of the whole page, easier for a person to look through than one tall image.
            await mobile.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact($"phone-part{part}.png"), FullPage = true, Clip = new() { X = 0, Y = top, Width = 390, Height = Math.Min(844, height - top) } });
        }

        var download = await mobile.RunAndWaitForDownloadAsync(() => mobile.ClickAsync("a:has-text('Add these dates to my calendar')"));
        Assert.Equal("aftercare.ics", download.SuggestedFilename);
        output.WriteLine($"Artifacts: {fixture.Artifacts}");
    }

    private static Regex ClientPage() => ClientPageUrl();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private string Artifact(string name) => Path.Combine(fixture.Artifacts, name);

    private static string Squash(string text) => WhiteSpace().Replace(text, " ");

    private static async Task<string> Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? stdout : throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {stderr}");
    }

    [GeneratedRegex(@"/clients/[0-9a-f-]{36}$")]
    private static partial Regex ClientPageUrl();

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/c/[A-Za-z0-9_-]{43}$")]
    private static partial Regex LinkUrl();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
