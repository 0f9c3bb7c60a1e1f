using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Web.Features.ClientLink;
using Microsoft.Playwright;
using SkiaSharp;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.BrowserTests;

/// <summary>
/// A client reports a warning sign from their phone; the clinic sees the alert on its dashboard and marks it seen.
/// The app's clock stands at Mon 2 Mar 2026; the session was on 27 Feb, so it is day 3.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class CheckInBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task WarningSign_FromThePhone_AlertsTheDashboard_AndStaffMarkItSeen()
    {
        var client = await fixture.App.Client(fixture.Clinic).Named("Morgan Swollen").WithSession("2026-02-27 10:00").SaveAsync();
        var token = ClientLinkToken.New();
        var sealedToken = fixture.App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ClientLinks.ProtectionPurpose).Protect(token);
        await fixture.App.WithDbAsync(async db =>
        {
            db.ClientLinks.Add(ClientLink.Create(ClientLinkToken.Hash(token), sealedToken, client.Id, fixture.Clinic.Id, "test", fixture.App.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });

        await using var phone = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), ViewportSize = new() { Width = 390, Height = 844 } });
        var mobile = await phone.NewPageAsync();
        var scriptErrors = new List<string>();
        mobile.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                scriptErrors.Add(m.Text);
            }
        };
        await mobile.GotoAsync($"/c/{token}");
        await Expect(mobile.Locator("#check-in-title")).ToHaveTextAsync("How is it healing?");
        await mobile.GetByLabel("Swelling").CheckAsync();
        await mobile.FillAsync("#ci-note", "Puffy above my left ear since this morning");
        await mobile.SetInputFilesAsync("#photo-left", new FilePayload { Name = "left.jpg", MimeType = "image/jpeg", Buffer = Photo() });
        await Expect(mobile.Locator("output[for=photo-left] img")).ToBeVisibleAsync(); // js/check-in.js shows a preview
        await mobile.Locator("#check-in").ScreenshotAsync(new LocatorScreenshotOptions { Path = Artifact("check-in-form-phone.png") });
        await mobile.ClickAsync("button:has-text('Send my check-in')");

        var warning = mobile.Locator("[data-testid=check-in-warning]");
        await Expect(warning.Locator("h2")).ToHaveTextAsync("Call the clinic now");
        await Expect(warning).ToContainTextAsync("Stop using every product on your scalp and call the clinic now.");
        Assert.Equal("tel:+442079460000", await warning.Locator("a[href^='tel:']").GetAttributeAsync("href"));
        await mobile.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("check-in-warning-phone.png") });
        Assert.Empty(scriptErrors);

        await using var clinic = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var desk = await clinic.NewPageAsync();
        await StaffShellBrowserTests.SignInAsync(desk, fixture.Clinic.Technician);
        await desk.GotoAsync("/");
        var alert = desk.Locator("[data-testid=check-in-alert]", new() { HasText = "Morgan Swollen" });
        await Expect(alert).ToContainTextAsync("day 3 after session 1");
        await Expect(alert).ToContainTextAsync("Swelling");
        await StaffShellBrowserTests.WaitUntilInteractiveAsync(desk);
        await desk.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("check-in-alert-dashboard.png"), FullPage = true });

        await alert.Locator("input").FillAsync("Called her; coming in tomorrow at 10");
        await alert.Locator("button:has-text('Mark seen')").ClickAsync();
        await Expect(desk.GetByText("Alert marked seen.")).ToBeVisibleAsync();
        await Expect(desk.Locator("[data-testid=check-in-alert]", new() { HasText = "Morgan Swollen" })).ToHaveCountAsync(0);
        await desk.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("check-in-alert-seen.png"), FullPage = true });
    }

    /// <summary>A small photo made here rather than a binary file in the repository.</summary>
    private static byte[] Photo()
    {
        using var bitmap = new SKBitmap(640, 480);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0xE0, 0xB8, 0x96));
            canvas.DrawCircle(320, 240, 150, new SKPaint { Color = new SKColor(0x49, 0x50, 0x57) });
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private string Artifact(string name) => Path.Combine(fixture.Artifacts, name);
}
