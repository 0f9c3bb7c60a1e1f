using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.ClientLink;
using SmpAftercare.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmpAftercare.Web.Tests.ClientLink;

/// <summary>What keeps links safe: guessing finds nothing, callers are rate-limited, tokens stay out of logs.</summary>
public sealed class ClientLinkGuardTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Lookup_TenThousandRandomTokens_FindNothing()
    {
        using var app = new ClientLinkAppFactory();
        var clinic = await app.SeedClinicAsync();
        var real = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var client = await app.Client(clinic).Named($"Client {i}").WithSession("2026-03-02 09:00").SaveAsync();
            real.Add(await app.LinkAsync(clinic, client.Id));
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = app.Clock.GetUtcNow();
        foreach (var token in real)
        {
            Assert.True((await ClientLinks.ResolveAsync(db, token, now)).IsActive); // the path below can find a link
        }

        var watch = Stopwatch.StartNew();
        var hits = 0;
        for (var i = 0; i < 10_000; i++)
        {
            // Well-formed tokens, so each one is hashed and looked up in the database rather than refused early.
            if ((await ClientLinks.ResolveAsync(db, ClientLinkToken.New(), now)).Link is not null)
            {
                hits++;
            }
        }

        watch.Stop();
        output.WriteLine($"10,000 lookups in {watch.ElapsedMilliseconds} ms");
        Assert.Equal(0, hits);
    }

    [Fact]
    public async Task RateLimit_PastTheLimit_AnswersTooManyRequestsForThatAddressOnly()
    {
        using var app = new ClientLinkAppFactory(new Dictionary<string, string?>
        {
            ["ClientLink:RateLimit:PermitLimit"] = "3",
            ["ClientLink:RateLimit:WindowSeconds"] = "600",
        });
        var clinic = await app.SeedClinicAsync();
        var client = await app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        var token = await app.LinkAsync(clinic, client.Id);
        var phone = app.Anonymous("203.0.113.7");

        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync($"/c/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync($"/c/{token}/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync($"/c/{ClientLinkToken.New()}")).StatusCode); // guesses count too
        var limited = await phone.GetAsync($"/c/{token}");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many requests", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-store", limited.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await phone.GetAsync($"/c/{token}/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous("198.51.100.20").GetAsync($"/c/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/account/login")).StatusCode); // staff pages are not limited
    }

    [Fact]
    public async Task RateLimit_Default_AllowsSixtyAMinute()
    {
        using var app = new ClientLinkAppFactory();
        var phone = app.Anonymous("203.0.113.8");
        var unknown = $"/c/{ClientLinkToken.New()}";

        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync(unknown)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await phone.GetAsync(unknown)).StatusCode);
    }

    [Fact]
    public async Task Logs_NeverContainTheToken_EvenWithRequestLoggingOn()
    {
        using var app = new ClientLinkAppFactory(captureLogs: true);
        var clinic = await app.SeedClinicAsync();
        var client = await app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        var token = await app.LinkAsync(clinic, client.Id);
        var unknown = ClientLinkToken.New();
        var http = app.Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/c/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/c/{token}/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/c/{unknown}")).StatusCode);

        var entries = app.Logs.Entries.ToList();
        // The host's own request log ran at Information and was captured, with the path redacted.
        Assert.Contains(entries, e => e.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && e.Level == LogLevel.Information
            && e.Message.Contains("/c/[redacted]/calendar.ics", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Scopes.Any(s => s.Contains("RequestPath=/c/[redacted]", StringComparison.Ordinal)));
        Assert.DoesNotContain(entries, e => e.AllText.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.AllText.Contains(unknown, StringComparison.Ordinal));
        output.WriteLine($"{entries.Count} log entries checked");
    }

    [Fact]
    public void Redact_ReplacesOnlyTheTokenSegment()
    {
        Assert.Equal("GET http://localhost/c/[redacted]/calendar.ics?x=1", TokenRedaction.Redact("GET http://localhost/c/abc-DEF_123/calendar.ics?x=1"));
        Assert.Equal("/clients/42 and /c/[redacted]", TokenRedaction.Redact("/clients/42 and /c/secret"));
        Assert.Equal("/clients/42", TokenRedaction.Redact("/clients/42"));
    }
}
