using System.Net;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

/// <summary>Sign-in, set-up and the account pages are static and carry the app's own small stylesheet, no CSS framework
/// (the client's pages and the printed sheet: ClientLinkPageTests, SessionPrintTests, ReminderPagesTests).</summary>
public sealed class StaticPagesTests : IDisposable
{
    private readonly AppFactory _app = new();

    private static void AssertOwnStylesheetOnly(StaffBrowser.Page page) => page.AssertOnlyStylesheets("css/account.css");

    [Fact]
    public async Task SetUp_OnANewInstallation_UsesTheAppsOwnStylesheet()
    {
        using var browser = _app.Browser();

        var page = await browser.GetAsync("/setup");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        AssertOwnStylesheetOnly(page);
        Assert.NotNull(page.Document.QuerySelector("#clinic-name"));
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/account/forgot-password")]
    [InlineData("/not-found")]
    public async Task SignInAndErrorPages_UseTheAppsOwnStylesheet(string url)
    {
        await _app.SeedClinicAsync();
        using var browser = _app.Browser();

        var page = await browser.GetAsync(url);

        AssertOwnStylesheetOnly(page);
        Assert.NotNull(page.Document.QuerySelector("h1"));
    }

    [Theory]
    [InlineData("/account")]
    [InlineData("/account/two-factor")]
    [InlineData("/account/denied")]
    public async Task AccountPages_UseTheAppsOwnStylesheet(string url)
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = await _app.SignedInAs(clinic.Technician);

        var page = await browser.GetAsync(url);

        AssertOwnStylesheetOnly(page);
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoOnTheStaticPage()
    {
        var clinic = await _app.SeedClinicAsync();
        using var browser = _app.Browser();

        var page = await browser.SubmitAsync("/account/login", "login", new Dictionary<string, string?> { ["Input.Email"] = clinic.Owner.Email, ["Input.Password"] = "Wrong-password-1" });

        Assert.Contains("The email or password is not right.", page.ValidationMessages);
        AssertOwnStylesheetOnly(page);
    }

    public void Dispose() => _app.Dispose();
}
