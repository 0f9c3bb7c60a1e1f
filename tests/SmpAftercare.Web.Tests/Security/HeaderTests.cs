using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.ClientLink;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Security;

public sealed class HeaderTests : IDisposable
{
    private readonly ClientLinkAppFactory _app = new();

    [Fact]
    public async Task StaffPages_LoadMudBlazorCompressed_UnderFingerprintedNames_CachedForAYear()
    {
        var clinic = await _app.SeedClinicAsync();
        using var staff = await _app.SignedInAs(clinic.Technician);
        var page = await staff.GetAsync("/clients");
        var assets = page.Document.QuerySelectorAll("link[rel=stylesheet], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .Where(u => u.Contains("MudBlazor.min", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, assets.Count); // the CSS and the JS
        foreach (var asset in assets)
        {
            // A name with the content's hash: a new MudBlazor version gets a new address, so a year of caching is safe.
            Assert.Matches(@"MudBlazor\.min\.[a-z0-9]{10}\.(css|js)$", asset);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/" + asset.TrimStart('/'));
            request.Headers.AcceptEncoding.ParseAdd("gzip, br");
            using var response = await staff.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Matches("^(gzip|br)$", response.Content.Headers.ContentEncoding.Single());
            Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
            Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
            using var plain = await staff.Client.GetAsync("/" + asset.TrimStart('/'));
            var (compressed, full) = ((await response.Content.ReadAsByteArrayAsync()).Length, (await plain.Content.ReadAsByteArrayAsync()).Length);
            Assert.True(compressed < full / 2, $"{asset}: {compressed} bytes compressed against {full} plain.");
        }
    }

    [Fact]
    public async Task StaffPages_SignIn_AndTheSheet_CarryTheBrowserProtections_AndTheSheetIsNeverStored()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        using var anonymous = _app.Browser();
        using var staff = await _app.SignedInAs(clinic.Technician);

        var signIn = await anonymous.GetAsync("/account/login");
        var list = await staff.GetAsync("/clients");
        var sheet = await staff.GetAsync($"/sessions/{client.SessionIds[0]}/print");

        foreach (var page in new[] { signIn, list, sheet })
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var headers = page.Response.Headers;
            Assert.Equal(SecurityHeaders.StaffPolicy, Single(page, "Content-Security-Policy"));
            Assert.Equal("nosniff", Single(page, "X-Content-Type-Options"));
            Assert.Equal("DENY", Single(page, "X-Frame-Options"));
            Assert.Equal("strict-origin-when-cross-origin", Single(page, "Referrer-Policy"));
        }

        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.StaffPolicy, StringComparison.Ordinal);
        Assert.True(sheet.Response.Headers.CacheControl?.NoStore, "The sheet holds health data and a live link.");
        // The sheet's print button works under the policy: a script file, no inline handler.
        Assert.Null(sheet.Document.QuerySelector("[onclick]"));
        Assert.NotNull(sheet.Document.QuerySelector("script[src='js/print.js']"));
    }

    [Fact]
    public async Task PersonalLinkPages_KeepTheirStricterPolicy()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        var token = await _app.LinkAsync(clinic, client.Id);
        using var anonymous = _app.Browser();

        var page = await anonymous.GetAsync($"/c/{token}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(SecurityHeaders.SecretPagePolicy, Single(page, "Content-Security-Policy"));
        Assert.Equal("no-referrer", Single(page, "Referrer-Policy"));
        Assert.Equal("nosniff", Single(page, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task ForwardedHttps_FromAConfiguredProxy_MakesCookiesSecure_AndSendsHsts()
    {
        using var app = new ClientLinkAppFactory(new Dictionary<string, string?> { ["ReverseProxy:KnownProxies:0"] = "10.0.0.5" });
        var clinic = await app.SeedClinicAsync();

        var (login, cookies) = await SignInBehindProxyAsync(app, "10.0.0.5", clinic.Owner.Email);

        Assert.Contains("max-age=", Single(login, "Strict-Transport-Security"), StringComparison.Ordinal);
        Assert.Contains(cookies, c => c.StartsWith("smp.staff=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ForwardedHttps_FromAnAddressNotConfigured_IsIgnored()
    {
        using var app = new ClientLinkAppFactory(new Dictionary<string, string?> { ["ReverseProxy:KnownProxies:0"] = "10.0.0.5" });
        var clinic = await app.SeedClinicAsync();

        var (login, cookies) = await SignInBehindProxyAsync(app, "10.0.0.99", clinic.Owner.Email);

        Assert.False(login.Response.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains(cookies, c => c.StartsWith("smp.staff=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task NoResponse_NamesTheWebServer()
    {
        using var app = new AppFactory();
        app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        using var page = await http.GetAsync("/account/login");
        using var missing = await http.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Empty(page.Headers.Server);
        Assert.Empty(missing.Headers.Server);
    }

    /// <summary>
    /// Signs in the way a browser behind a TLS-ending proxy does: every request arrives over http from the
    /// proxy's address, saying X-Forwarded-Proto: https. Returns the sign-in answer and every cookie it set.
    /// </summary>
    private static async Task<(StaffBrowser.Page Login, List<string> Cookies)> SignInBehindProxyAsync(ClientLinkAppFactory app, string proxy, string email)
    {
        using var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        http.DefaultRequestHeaders.Add(ClientLinkAppFactory.RemoteAddressHeader, proxy);
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.44");
        http.DefaultRequestHeaders.Host = "aftercare.example.com"; // HSTS is never sent to localhost
        var form = await StaffBrowser.Page.ReadAsync(await http.GetAsync("/account/login"));
        var cookies = form.Response.Headers.GetValues("Set-Cookie").ToList();
        var fields = form.Form("login").Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Name switch { "Input.Email" => email, "Input.Password" => AppFactory.Password, _ => i.Value }))
            .ToList();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Split(';')[0])));
        var login = await StaffBrowser.Page.ReadAsync(await http.SendAsync(post));
        Assert.Equal(HttpStatusCode.Redirect, login.Status);
        cookies.AddRange(login.Response.Headers.GetValues("Set-Cookie"));
        return (login, cookies);
    }

    private static string Single(StaffBrowser.Page page, string header) =>
        Assert.Single(page.Response.Headers.TryGetValues(header, out var values) ? values : page.Response.Content.Headers.TryGetValues(header, out var content) ? content : []);

    public void Dispose() => _app.Dispose();
}
