using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

/// <summary>
/// Every routed page that takes an id is tried with clinic A's ids by clinic B's owner (who holds every role).
/// The routes come from the app's own endpoint table, so a new page is covered without editing this test.
/// </summary>
public abstract class TenantIsolationTests(PostgresServer? postgres) : IDisposable
{
    private readonly AppFactory _app = new(postgres);

    [Fact]
    public async Task EveryIdRoute_WithAnotherClinicsIds_AnswersNotFoundAndChangesNothing()
    {
        var a = await _app.SeedClinicAsync("Clinic A");
        var b = await _app.SeedClinicAsync("Clinic B");
        var clientA = await _app.Client(a).Named("Alice of A").WithSession("2026-02-10 10:00").SaveAsync();
        var clientB = await _app.Client(b).Named("Bob of B").WithSession("2026-02-10 10:00").SaveAsync();
        using var browserB = await _app.SignedInAs(b.Owner);
        var before = await Snapshot();

        var routes = IdRoutes();
        foreach (var known in new[] { "sessions/{SessionId:guid}/print", "staff/{Id}", "protocol/versions/{Id:guid}", "clients/{Id:guid}", "clients/{Id:guid}/edit", "clients/{ClientId:guid}/sessions/new", "sessions/{SessionId:guid}/edit", "sessions/{SessionId:guid}/delete" })
        {
            Assert.Contains(routes, r => r.TrimStart('/') == known);
        }

        foreach (var route in routes)
        {
            var urlA = Fill(route, a, clientA);
            var urlB = Fill(route, b, clientB);

            // Clinic B's own page answers, so a 404 for A's id is isolation, not a broken page.
            var own = await browserB.GetAsync(urlB);
            Assert.True(own.Status == HttpStatusCode.OK, $"{urlB} should work for its own clinic, got {own.Status}");
            Assert.Equal(HttpStatusCode.NotFound, (await browserB.GetAsync(urlA)).Status);

            // Every form on B's own page, posted at A's URL with a valid token, must not reach A's data.
            foreach (var form in own.Document.Forms)
            {
                var handler = form.QuerySelector("input[name=_handler]")?.GetAttribute("value");
                if (handler is null)
                {
                    continue;
                }

                var posted = await PostTo(browserB, own, handler, urlA);
                Assert.True(posted.Status is HttpStatusCode.NotFound or HttpStatusCode.BadRequest,
                    $"POST {handler} to {urlA} as clinic B answered {posted.Status}");
            }
        }

        Assert.Equal(before, await Snapshot());
        Assert.DoesNotContain("Alice of A", (await browserB.GetAsync("/clients?q=Alice")).Text);
    }

    private static async Task<StaffBrowser.Page> PostTo(StaffBrowser browser, StaffBrowser.Page source, string handler, string url)
    {
        var form = source.Form(handler);
        var fields = form.Elements.Select(e => (Name: e.GetAttribute("name"), Value: e.GetAttribute("value") ?? e.TextContent))
            .Where(f => !string.IsNullOrEmpty(f.Name))
            .Select(f => new KeyValuePair<string, string>(f.Name!, f.Value));
        var response = await browser.Client.PostAsync(url, new FormUrlEncodedContent(fields));
        return await StaffBrowser.Page.ReadAsync(response);
    }

    /// <summary>What clinic A owns, so any write through B's session would show.</summary>
    private Task<string> Snapshot() => _app.WithDbAsync(async db =>
    {
        var clients = await db.Clients.IgnoreQueryFilters().OrderBy(c => c.FullName).Select(c => c.FullName + "|" + c.ArchivedAtUtc + "|" + c.Email).ToListAsync();
        var sessions = await db.Sessions.IgnoreQueryFilters().OrderBy(s => s.Id).Select(s => s.Id + "|" + s.StartsAtUtc + "|" + s.IsFinal).ToListAsync();
        var versions = await db.ProtocolVersions.IgnoreQueryFilters().CountAsync();
        return string.Join("\n", clients.Concat(sessions).Append(versions.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    });

    // Check-in photos are files: another clinic's staff, link and key are refused in CheckIns/CheckInPhotoTests.
    private static readonly string[] NotStaffScoped = ["api/", "c/", "stop/", "openapi/", "operator/", "check-ins/photos/"];

    private List<string> IdRoutes() =>
        [.. _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? string.Empty)
            .Where(p => p.Contains('{', StringComparison.Ordinal))
            // Static files (MapStaticAssets' catch-all) hold no clinic's data.
            .Where(p => !p.Contains("{**", StringComparison.Ordinal))
            // The API has its own cross-clinic tests (bearer keys, not staff cookies); the client link and the
            // opt-out link are public by token and tested on their own; the OpenAPI document names no clinic data; the
            // operator's jobs dashboard is installation-wide by design, for the Operator role only (Jobs/OperatorDashboardTests).
            .Where(p => !NotStaffScoped.Any(prefix => p.TrimStart('/').StartsWith(prefix, StringComparison.Ordinal)))
            .Distinct()];

    /// <summary>Puts a client's ids into a route; an unknown kind of id fails loudly so it gets a mapping here.</summary>
    private static string Fill(string pattern, TestClinic clinic, SeededClient client)
    {
        var url = "/" + pattern.TrimStart('/');
        var segments = url.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{'))
            {
                continue;
            }

            var kind = segments[i - 1];
            segments[i] = kind switch
            {
                "clients" => client.Id.ToString(),
                "sessions" => client.SessionIds[0].ToString(),
                "versions" => clinic.ProtocolVersionId.ToString(),
                "staff" => clinic.Technician.Id,
                _ => throw new InvalidOperationException($"Route {pattern}: teach {nameof(TenantIsolationTests)} which id '{kind}' takes."),
            };
        }

        return string.Join('/', segments);
    }

    public void Dispose() => _app.Dispose();
}
