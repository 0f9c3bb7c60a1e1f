using System.Net;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Api;

/// <summary>Who may call what: keys, revoked keys, cookies, and other clinics' ids.</summary>
public sealed class ApiAccessTests : IDisposable
{
    private readonly AppFactory _app = new();

    /// <summary>Every endpoint; {0} is a client id.</summary>
    public static TheoryData<string, string> Endpoints() => new()
    {
        { "POST", "/api/v1/clients" },
        { "GET", "/api/v1/clients/{0}" },
        { "POST", "/api/v1/clients/{0}/sessions" },
        { "GET", "/api/v1/clients/{0}/timeline" },
        { "POST", "/api/v1/clients/{0}/link" },
    };

    private static readonly object ValidSession = new { startsAt = "2026-03-02T09:00", technician = "Robin Guest" };

    private async Task AssertEveryEndpointRefuses(ApiCaller api, Guid clientId, bool badToken)
    {
        foreach (var (method, url) in Endpoints().Select(row => ((string)row[0], (string)row[1])))
        {
            var response = await api.SendAsync(method, string.Format(null, url, clientId), new { fullName = "Jordan Lee" });

            ApiKeys.AssertProblem(response, HttpStatusCode.Unauthorized);
            var challenge = Assert.Single(response.Response.Headers.WwwAuthenticate);
            Assert.Equal("Bearer", challenge.Scheme);
            Assert.Equal(badToken, challenge.Parameter?.Contains("invalid_token", StringComparison.Ordinal) == true);
        }

        Assert.Equal(1, await _app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task NoKey_Returns401OnEveryEndpoint()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).SaveAsync();
        using var api = ApiCaller.For(_app, key: null);

        await AssertEveryEndpointRefuses(api, client.Id, badToken: false);
    }

    [Fact]
    public async Task UnknownKey_Returns401OnEveryEndpoint()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).SaveAsync();
        var real = await _app.ApiKeyAsync(clinic);
        using var api = ApiCaller.For(_app, real[..^1] + (real[^1] == 'A' ? 'B' : 'A'));

        await AssertEveryEndpointRefuses(api, client.Id, badToken: true);
    }

    [Fact]
    public async Task RevokedKey_Returns401OnEveryEndpoint()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).SaveAsync();
        using var api = ApiCaller.For(_app, await _app.ApiKeyAsync(clinic, revoked: true));

        await AssertEveryEndpointRefuses(api, client.Id, badToken: true);
    }

    [Fact]
    public async Task StaffCookie_DoesNotAuthenticateTheApi()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).SaveAsync();
        using var browser = await _app.SignedInAs(clinic.Owner);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/clients/{client.Id}")).Status);

        var response = await ApiResponse.ReadAsync(await browser.Client.GetAsync($"/api/v1/clients/{client.Id}"));

        ApiKeys.AssertProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ApiKey_DoesNotAuthenticateStaffPages()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).SaveAsync();
        using var api = ApiCaller.For(_app, await _app.ApiKeyAsync(clinic));

        foreach (var page in new[] { "/clients", $"/clients/{client.Id}", "/settings/api-keys" })
        {
            var response = await api.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.Status);
            Assert.StartsWith("/account/login", response.Response.Headers.Location?.PathAndQuery ?? response.Response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ValidKey_RecordsWhenItWasLastUsed()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).SaveAsync();
        using var api = ApiCaller.For(_app, await _app.ApiKeyAsync(clinic));
        Assert.Null(await _app.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().Select(k => k.LastUsedAtUtc).SingleAsync()));

        _app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/clients/{client.Id}")).Status);

        Assert.Equal(new DateTime(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc), await _app.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().Select(k => k.LastUsedAtUtc).SingleAsync()));
    }

    public static TheoryData<string, string> EndpointsTakingAnId() => new()
    {
        { "GET", "/api/v1/clients/{0}" },
        { "POST", "/api/v1/clients/{0}/sessions" },
        { "GET", "/api/v1/clients/{0}/timeline" },
        { "POST", "/api/v1/clients/{0}/link" },
    };

    [Theory]
    [MemberData(nameof(EndpointsTakingAnId))]
    public async Task AnotherClinicsClient_Returns404AndChangesNothing(string method, string url)
    {
        var ours = await _app.SeedClinicAsync();
        var theirs = await _app.SeedClinicAsync("Southside SMP");
        var theirClient = await _app.Client(theirs).WithSession("2026-02-10 10:00").SaveAsync();
        using var api = ApiCaller.For(_app, await _app.ApiKeyAsync(ours));

        var response = await api.SendAsync(method, string.Format(null, url, theirClient.Id), ValidSession);
        var unknown = await api.SendAsync(method, string.Format(null, url, Guid.NewGuid()), ValidSession);

        ApiKeys.AssertProblem(response, HttpStatusCode.NotFound);
        ApiKeys.AssertProblem(unknown, HttpStatusCode.NotFound);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task CreatedClient_BelongsToTheKeysClinicOnly()
    {
        var ours = await _app.SeedClinicAsync();
        var theirs = await _app.SeedClinicAsync("Southside SMP");
        using var api = ApiCaller.For(_app, await _app.ApiKeyAsync(ours));
        using var theirApi = ApiCaller.For(_app, await _app.ApiKeyAsync(theirs));

        var created = await api.PostAsync("/api/v1/clients", new { fullName = "Jordan Lee" });
        var id = created.Text("id");

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/clients/{id}")).Status);
        ApiKeys.AssertProblem(await theirApi.GetAsync($"/api/v1/clients/{id}"), HttpStatusCode.NotFound);
        Assert.Equal(ours.Id, await _app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().Select(c => c.ClinicId).SingleAsync()));
    }

    [Fact]
    public async Task UnknownApiPath_Returns404ProblemDetails()
    {
        var clinic = await _app.SeedClinicAsync();
        using var api = ApiCaller.For(_app, await _app.ApiKeyAsync(clinic));

        ApiKeys.AssertProblem(await api.GetAsync("/api/v1/appointments"), HttpStatusCode.NotFound);
    }

    public void Dispose() => _app.Dispose();
}
