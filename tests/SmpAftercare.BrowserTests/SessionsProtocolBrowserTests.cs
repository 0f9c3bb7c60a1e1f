using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.BrowserTests;

/// <summary>
/// A technician logs a course of three sessions, with the mistakes people make on the way, and prints the sheet;
/// the owner edits the protocol and moves a client in aftercare to the new version. Laptop size (1366x768); the
/// app's clock stands at Mon 2 Mar 2026 10:00 in London.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class SessionsProtocolBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Technician_LogsThreeSessions_WithBadInputOnTheWay_ThenPrintsTheSheet()
    {
        fixture.App.Clock.Set(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var client = await fixture.App.Client(fixture.Clinic).Named("Morgan Three").SaveAsync();
        await using var desk = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), ViewportSize = new() { Width = 1366, Height = 768 } });
        var page = await desk.NewPageAsync();
        await StaffShellBrowserTests.SignInAsync(page, fixture.Clinic.Technician);

        // Session 1, a month ago: first typed with the wrong year (a year and a month ahead).
        await OpenLogFormAsync(page, client.Id);
        await TypeDateAsync(page, "02/04/2027");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("session-date-typed.png"), FullPage = true });
        await page.ClickAsync("[data-testid=save-session]");
        await Expect(page.Locator("[data-testid=form-errors]")).ToContainTextAsync("2 Apr 2027 is more than a year ahead: check the year.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("session-date-out-of-bounds.png"), FullPage = true });
        await TypeDateAsync(page, "02/02/2026");
        await page.ClickAsync("[data-testid=save-session]");
        await ExpectSnackbarAsync(page, "Session 1 logged for Morgan Three.");

        // Session 2, today: the technician field emptied by mistake.
        await page.ClickAsync("[data-testid=log-another]");
        await OpenedAsync(page);
        await page.Locator("#session-tech").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = fixture.Clinic.Technician.FullName }).WaitForAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.Locator(".mud-select .mud-input-clear-button, .mud-select button[aria-label*='Clear']").First.ClickAsync();
        await page.ClickAsync("[data-testid=save-session]");
        await Expect(page.GetByText("Choose the technician.").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("session-missing-technician.png"), FullPage = true });
        await page.Locator("#session-tech").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = fixture.Clinic.Technician.FullName }).ClickAsync();
        await page.ClickAsync("[data-testid=save-session]");
        await ExpectSnackbarAsync(page, "Session 2 logged for Morgan Three.");

        // Session 3, the final one, too soon after session 2: the spacing question comes first.
        await page.ClickAsync("[data-testid=log-another]");
        await OpenedAsync(page);
        await TypeDateAsync(page, "05/03/2026");
        await page.Locator("#session-final").CheckAsync();
        await page.ClickAsync("[data-testid=save-session]");
        await Expect(page.Locator("[data-testid=spacing-dialog]")).ToContainTextAsync("comes 3 days after session 2");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("session-spacing-dialog.png"), FullPage = true });
        await page.ClickAsync("[data-testid=spacing-dialog-confirm]");
        await ExpectSnackbarAsync(page, "Session 3 logged for Morgan Three.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("session-saved.png"), FullPage = true });

        var numbers = await fixture.App.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().Where(s => s.ClientId == client.Id).OrderBy(s => s.StartsAtUtc)
            .Select(s => new { s.SessionNumber, s.IsFinal }).ToListAsync());
        Assert.Equal([1, 2, 3], numbers.Select(n => n.SessionNumber));
        Assert.True(numbers[2].IsFinal);

        await page.ClickAsync("[data-testid=print-sheet]");
        await page.WaitForURLAsync("**/print");
        await Expect(page.Locator("body")).ToContainTextAsync("Morgan Three");
        await Expect(page.Locator("body")).ToContainTextAsync("Session 3");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("session-sheet.png"), FullPage = true });
        await page.PdfAsync(new PagePdfOptions { Path = Artifact("session-sheet-A4.pdf"), Format = PaperFormat.A4, PrintBackground = true });
    }

    [Fact]
    public async Task Owner_EditsTheProtocolWithAPreview_ThenMovesAClientInAftercareToTheNewVersion()
    {
        fixture.App.Clock.Set(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        // A clinic of its own: a saved protocol change would otherwise reach the other journeys' clinic.
        var clinic = await fixture.App.SeedClinicAsync("Protocol Test SMP");
        var client = await fixture.App.Client(clinic).Named("Jamie Mover").WithSession("2026-03-02 09:00").SaveAsync();
        await using var office = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), ViewportSize = new() { Width = 1366, Height = 768 } });
        var page = await office.NewPageAsync();
        await StaffShellBrowserTests.SignInAsync(page, clinic.Owner);

        await page.GotoAsync("/protocol/edit");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Edit the aftercare protocol");
        await StaffShellBrowserTests.WaitUntilInteractiveAsync(page);
        var milestones = page.Locator("[data-testid=preview-milestones]");
        var before = await milestones.InnerTextAsync();
        await page.FillAsync("#rule-0-to", "");
        await page.Locator("#rule-0-to").PressSequentiallyAsync("5");
        await Expect(milestones).Not.ToHaveTextAsync(before);
        await Expect(milestones).ToContainTextAsync("You can rinse your scalp with warm water again from Sun 8 Mar");
        await Expect(page.Locator("[data-testid=protocol-changes]")).ToContainTextAsync("→ days 0-5");
        Assert.DoesNotContain("wetting", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("protocol-editor.png"), FullPage = true });

        await page.ClickAsync("[data-testid=save-protocol]");
        await page.WaitForURLAsync(ProtocolUrl());
        await Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("saved");
        await Expect(page.Locator("[data-testid=move-candidates]")).ToContainTextAsync("Jamie Mover");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("protocol-view-move.png"), FullPage = true });

        await page.ClickAsync("[data-testid=move-clients-button]");
        await Expect(page.Locator("[data-testid=move-dialog]")).ToContainTextAsync("Jamie Mover");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("protocol-move-dialog.png") });
        await page.ClickAsync("[data-testid=move-dialog-confirm]");
        await Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("their reminders were replanned");
        await Expect(page.Locator("[data-testid=move-clients]")).ToContainTextAsync("every client in active aftercare follows version");

        var (latest, moved) = await fixture.App.WithDbAsync(async db =>
        {
            var current = await db.ProtocolVersions.IgnoreQueryFilters().Where(v => v.ClinicId == clinic.Id).OrderByDescending(v => v.Version).Select(v => v.Id).FirstAsync();
            var session = await db.Sessions.IgnoreQueryFilters().Where(s => s.ClientId == client.Id).Select(s => s.ProtocolVersionId).SingleAsync();
            return (current, session);
        });
        Assert.Equal(latest, moved);
    }

    private static async Task OpenLogFormAsync(IPage page, Guid clientId)
    {
        await page.GotoAsync($"/clients/{clientId}/sessions/new");
        await OpenedAsync(page);
    }

    private static async Task OpenedAsync(IPage page)
    {
        await Expect(page.Locator("h1")).ToContainTextAsync("Log a session for");
        await StaffShellBrowserTests.WaitUntilInteractiveAsync(page);
    }

    private static async Task TypeDateAsync(IPage page, string date)
    {
        var input = page.Locator(".mud-picker input#session-date, #session-date").First;
        await input.ClickAsync();
        await input.FillAsync(date);
        await input.PressAsync("Enter");
        await input.PressAsync("Tab");
    }

    private static Task ExpectSnackbarAsync(IPage page, string text) =>
        Expect(page.Locator(".mud-snackbar", new() { HasText = text })).ToBeVisibleAsync();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private string Artifact(string name) => Path.Combine(fixture.Artifacts, name);

    [GeneratedRegex(@"/protocol$")]
    private static partial Regex ProtocolUrl();
}
