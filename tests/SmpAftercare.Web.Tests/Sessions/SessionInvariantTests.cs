using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Web.Features.Sessions;
using SmpAftercare.Web.Tests.Api;
using SmpAftercare.Web.Tests.Components;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Sessions;

/// <summary>
/// The session invariants under concurrency and retries, tried from outside as a booking system would (issue 11).
/// The clock stands at Mon 2 Mar 2026 10:00 in London (AppFactory).
/// </summary>
public sealed class SessionInvariantTests() : OwnAppComponentTest(null)
{
    private static readonly HttpStatusCode[] Answers = [HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Conflict];

    private static object Session(string startsAt, bool isFinal = false) =>
        new { startsAt, isFinal, technician = "Technician of Northside SMP" };

    private static async Task<ApiResponse> PostAsync(ApiCaller api, Guid clientId, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/clients/{clientId}/sessions")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await ApiResponse.ReadAsync(await api.Client.SendAsync(request));
    }

    private Task<List<TreatmentSession>> SessionsOf(Guid clientId) =>
        App.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().Where(s => s.ClientId == clientId).OrderBy(s => s.StartsAtUtc).ToListAsync());

    /// <summary>What a client's kept sessions must always be: one per instant, numbered 1..n in time order, nothing after a final.</summary>
    private static void AssertInvariants(IReadOnlyList<TreatmentSession> sessions)
    {
        var kept = sessions.Where(s => s.Review is null).OrderBy(s => s.StartsAtUtc).ToList();
        Assert.Equal(kept.Count, kept.Select(s => s.StartsAtUtc).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, kept.Count), kept.Select(s => s.SessionNumber));
        Assert.DoesNotContain(kept.SkipLast(1), s => s.IsFinal);
    }

    private async Task AssertStaffPageAndLinkOpen(TestClinic clinic, Guid clientId, ApiCaller api)
    {
        var browser = await App.SignedInAs(clinic.Technician);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/clients/{clientId}")).Status);
        var link = await api.PostAsync($"/api/v1/clients/{clientId}/link", null);
        Assert.Equal(HttpStatusCode.Created, link.Status);
        using var phone = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await phone.GetAsync(new Uri(link.Text("url")!).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task TwentyParallelPosts_ForOneClient_LeaveValidSessionsAndNeverA500()
    {
        var clinic = Clinic;
        var client = await App.Client(clinic).SaveAsync();
        using var api = ApiCaller.For(App, await App.ApiKeyAsync(clinic));
        // Same instants, distinct instants, and two finals (one early, which makes later sessions unwelcome).
        var bodies = Enumerable.Range(0, 20).Select(i => i switch
        {
            < 6 => Session("2026-02-10T10:00"),
            < 16 => Session($"2026-01-{i + 2:D2}T10:00"),
            16 => Session("2026-01-10T12:00", isFinal: true),
            17 => Session("2026-02-27T10:00", isFinal: true),
            _ => Session($"2026-02-{i:D2}T11:00"),
        }).ToList();

        var responses = await Task.WhenAll(bodies.Select(b => PostAsync(api, client.Id, b)));

        Assert.All(responses, r => Assert.True(Answers.Contains(r.Status), r.ToString()));
        Assert.All(responses.Where(r => r.Status is HttpStatusCode.BadRequest or HttpStatusCode.Conflict),
            r => Assert.Equal("application/problem+json", r.ContentType));
        var sessions = await SessionsOf(client.Id);
        Assert.Equal(responses.Count(r => r.Status == HttpStatusCode.Created), sessions.Count);
        Assert.NotEmpty(sessions);
        AssertInvariants(sessions);
        await AssertStaffPageAndLinkOpen(clinic, client.Id, api);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TwoIdenticalPostsAtOnce_SaveOneSession(bool withKey)
    {
        var clinic = Clinic;
        using var api = ApiCaller.For(App, await App.ApiKeyAsync(clinic));
        for (var trial = 0; trial < 10; trial++)
        {
            var client = await App.Client(clinic).Named($"Trial {trial}").SaveAsync();
            var key = withKey ? Guid.NewGuid().ToString() : null;

            var responses = await Task.WhenAll(PostAsync(api, client.Id, Session("2026-02-10T10:00"), key), PostAsync(api, client.Id, Session("2026-02-10T10:00"), key));

            var sessions = await SessionsOf(client.Id);
            Assert.Single(sessions);
            Assert.Contains(responses, r => r.Status == HttpStatusCode.Created);
            // With a key the twin gets the first answer (the same session) or a 409; without one it clashes (400) or
            // loses the race (409). Never a second session, never a 500.
            HttpStatusCode[] allowed = withKey ? [HttpStatusCode.Created, HttpStatusCode.Conflict] : [HttpStatusCode.BadRequest, HttpStatusCode.Conflict];
            Assert.All(responses.Where(r => r.Status != HttpStatusCode.Created), r => Assert.Contains(r.Status, allowed));
            if (!withKey)
            {
                Assert.Single(responses, r => r.Status == HttpStatusCode.Created);
            }

            Assert.All(responses.Where(r => r.Status == HttpStatusCode.Created), r => Assert.Equal(sessions[0].Id.ToString(), r.Text("id")));
        }
    }

    [Fact]
    public async Task Retry_WithTheSameKey_GetsTheFirstAnswerAndSavesNothingNew()
    {
        var clinic = Clinic;
        var client = await App.Client(clinic).WithSession("2026-02-10 10:00").SaveAsync();
        using var api = ApiCaller.For(App, await App.ApiKeyAsync(clinic));

        var first = await PostAsync(api, client.Id, Session("2026-02-12T10:00"), "booking-4711");
        var retry = await PostAsync(api, client.Id, Session("2026-02-12T10:00"), "booking-4711");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal((HttpStatusCode.Created, first.Body), (retry.Status, retry.Body));
        Assert.Equal("true", retry.Response.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(2, (await SessionsOf(client.Id)).Count);
        Assert.Equal(1, await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.Action == "session.logged")));

        var otherBody = await PostAsync(api, client.Id, Session("2026-02-20T10:00"), "booking-4711");

        ApiKeys.AssertProblem(otherBody, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("already used for a different request", otherBody.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, (await SessionsOf(client.Id)).Count);
    }

    [Fact]
    public async Task Retry_AfterTheKeyExpired_IsANewRequest()
    {
        var clinic = Clinic;
        var client = await App.Client(clinic).SaveAsync();
        using var api = ApiCaller.For(App, await App.ApiKeyAsync(clinic));
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(api, client.Id, Session("2026-02-10T10:00"), "k1")).Status);

        App.Clock.Advance(TimeSpan.FromHours(25));
        var later = await PostAsync(api, client.Id, Session("2026-02-20T10:00"), "k1");

        Assert.Equal(HttpStatusCode.Created, later.Status);
        Assert.Equal(2, (await SessionsOf(client.Id)).Count);
    }

    [Fact]
    public async Task Key_Malformed_Returns400()
    {
        var clinic = Clinic;
        var client = await App.Client(clinic).SaveAsync();
        using var api = ApiCaller.For(App, await App.ApiKeyAsync(clinic));

        var refused = await PostAsync(api, client.Id, Session("2026-02-10T10:00"), new string('k', 256));

        ApiKeys.AssertProblem(refused, HttpStatusCode.BadRequest);
        Assert.Contains("Idempotency-Key", refused.Errors.Keys);
        Assert.Empty(await SessionsOf(client.Id));
    }

    [Fact]
    public async Task Backfill_AnEarlierSession_RenumbersTheLaterOnes()
    {
        var clinic = Clinic;
        var client = await App.Client(clinic).WithSession("2026-02-10 10:00").WithSession("2026-02-24 10:00").SaveAsync();
        using var api = ApiCaller.For(App, await App.ApiKeyAsync(clinic));

        // A number sent by the caller is ignored: the number is the session's place in time.
        var created = await api.PostAsync($"/api/v1/clients/{client.Id}/sessions",
            new { startsAt = "2026-02-01T10:00", technician = "Technician of Northside SMP", sessionNumber = 3 });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(1, created.Json.GetProperty("sessionNumber").GetInt32());
        var sessions = await SessionsOf(client.Id);
        Assert.Equal([Guid.Parse(created.Text("id")!), client.SessionIds[0], client.SessionIds[1]], sessions.Select(s => s.Id));
        AssertInvariants(sessions);
    }

    [Fact]
    public async Task Backfill_OnTheStaffPage_RenumbersTheLaterOnes()
    {
        var clinic = Clinic;
        var client = await App.Client(clinic).WithSession("2026-02-10 10:00").SaveAsync();

        var result = await App.LogAsync(clinic, clinic.Technician, client.Id, "2026-01-27 09:00");

        Assert.IsType<SessionOutcome.Saved>(result.Outcome);
        var sessions = await SessionsOf(client.Id);
        Assert.Equal((2, client.SessionIds[0]), (sessions[1].SessionNumber, sessions[1].Id));
        AssertInvariants(sessions);
    }

    [Fact]
    public async Task ClientBrokenByTheOldRelease_OpensWithAWarningAndCanBeFixed()
    {
        var clinic = Clinic;
        var clashing = await App.Client(clinic).Named("Clash Client").WithSession("2026-02-01 10:00").WithSession("2026-02-10 10:00").SaveAsync();
        var afterFinal = await App.Client(clinic).Named("Final Client").WithSession("2026-02-01 10:00", final: true).SaveAsync();
        using var api = ApiCaller.For(App, await App.ApiKeyAsync(clinic));

        // Back to the schema before this change, write what the old release wrote, and migrate again: the migration's
        // fix-up has to cope with the broken rows (duplicate instant and number, a session after a final one).
        var twin = Guid.NewGuid();
        var late = Guid.NewGuid();
        await App.WithDbAsync(async db =>
        {
            await db.Database.MigrateAsync("20261121003928_ClientSearchIndex");
            const string copy = """
                INSERT INTO "Sessions" ("Id", "ClinicId", "ClientId", "StartsAtUtc", "SessionNumber", "TechnicianId", "TechnicianName", "IsFinal",
                    "PigmentNotes", "NeedleNotes", "AreaNotes", "Notes", "ProtocolVersionId", "CreatedAtUtc", "UpdatedAtUtc")
                SELECT {0}, "ClinicId", "ClientId", {1}, {2}, "TechnicianId", 'Robin Retry', 0, NULL, NULL, NULL, NULL, "ProtocolVersionId", {3}, NULL
                FROM "Sessions" WHERE "Id" = {4}
                """;
            var later = App.Clock.GetUtcNow().UtcDateTime.AddMinutes(1);
            await db.Database.ExecuteSqlRawAsync(copy, twin.ToString().ToUpperInvariant(), new DateTime(2026, 2, 10, 10, 0, 0), 2, later,
                clashing.SessionIds[1].ToString().ToUpperInvariant());
            await db.Database.ExecuteSqlRawAsync(copy, late.ToString().ToUpperInvariant(), new DateTime(2026, 2, 20, 10, 0, 0), 2, later,
                afterFinal.SessionIds[0].ToString().ToUpperInvariant());
            await db.Database.MigrateAsync();
            return 0;
        });

        var sessions = await SessionsOf(clashing.Id);
        Assert.Equal(SessionReview.SameInstant, sessions.Single(s => s.Id == twin).Review);
        Assert.Null(sessions.Single(s => s.Id == clashing.SessionIds[1]).Review); // the one saved first stays
        AssertInvariants(sessions);
        Assert.Equal(SessionReview.AfterFinal, (await SessionsOf(afterFinal.Id)).Single(s => s.Id == late).Review);
        await AssertStaffPageAndLinkOpen(clinic, clashing.Id, api);
        await AssertStaffPageAndLinkOpen(clinic, afterFinal.Id, api);

        SignInAs(clinic.Technician, clinic.Id);
        var warning = OpenClientPage(clashing.Id).Find("[data-testid=session-clashes]");
        Assert.Contains("One session needs fixing", warning.TextContent, StringComparison.Ordinal);
        Assert.Contains("Robin Retry", warning.TextContent, StringComparison.Ordinal);
        Assert.Contains("another session starts at the same moment", warning.TextContent, StringComparison.Ordinal);
        Assert.NotNull(warning.QuerySelector($"a[href='/sessions/{twin}/edit']"));

        // Fix it by moving the clashing session to when it really was: it joins the timeline and the numbers follow.
        var browser = await App.SignedInAs(clinic.Technician);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/sessions/{twin}/edit")).Status);
        var moved = await App.ChangeAsync(clinic, clinic.Technician, twin, "2026-02-17 10:00");

        Assert.IsType<SessionOutcome.Saved>(moved.Outcome);
        sessions = await SessionsOf(clashing.Id);
        Assert.All(sessions, s => Assert.Null(s.Review));
        Assert.Equal(3, sessions.Single(s => s.Id == twin).SessionNumber);
        AssertInvariants(sessions);
        Assert.Empty(OpenClientPage(clashing.Id).FindAll("[data-testid=session-clashes]"));

        // The session after the final one is fixed by deleting it.
        Assert.IsType<SessionOutcome.Saved>(await App.DeleteSessionAsync(clinic, clinic.Technician, late));

        Assert.Equal([afterFinal.SessionIds[0]], (await SessionsOf(afterFinal.Id)).Select(s => s.Id));
        Assert.Empty(OpenClientPage(afterFinal.Id).FindAll("[data-testid=session-clashes]"));
    }

}
