using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Api;

/// <summary>The clock stands at Mon 2 Mar 2026 10:00 in London (AppFactory).</summary>
public abstract class ApiSessionTests(PostgresServer? postgres) : IDisposable
{
    private readonly AppFactory _app = new(postgres);

    private async Task<(TestClinic Clinic, SeededClient Client, ApiCaller Api)> ClientWithKey(Func<ClientBuilder, ClientBuilder>? shape = null)
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await (shape ?? (b => b))(_app.Client(clinic)).SaveAsync();
        return (clinic, client, ApiCaller.For(_app, await _app.ApiKeyAsync(clinic)));
    }

    private static object Session(string? startsAt = "2026-03-02T09:00", string? technician = "Technician of Northside SMP", bool isFinal = false,
        bool confirmContraindications = false) =>
        new { startsAt, isFinal, technician, notes = "Booked online", confirmContraindications };

    private Task<int> SessionCount() => _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().CountAsync());

    [Fact]
    public async Task Log_ValidSession_Returns201WithTheNextNumberAndLinksTheTechnicianByName()
    {
        var (clinic, client, api) = await ClientWithKey(b => b.WithSession("2026-02-10 10:00"));

        var created = await api.PostAsync($"/api/v1/clients/{client.Id}/sessions", Session());

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(2, created.Json.GetProperty("sessionNumber").GetInt32());
        Assert.Equal(0, created.Json.GetProperty("warnings").GetArrayLength());
        var id = Guid.Parse(created.Text("id")!);
        var session = await _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().SingleAsync(s => s.Id == id));
        Assert.Equal(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc), session.StartsAtUtc);
        Assert.Equal((clinic.Technician.Id, clinic.Technician.FullName), (session.TechnicianId, session.TechnicianName));
        Assert.Equal((clinic.Id, clinic.ProtocolVersionId, "Booked online"), (session.ClinicId, session.ProtocolVersionId, session.Notes));
        var audit = await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().SingleAsync());
        Assert.Equal((AuditActions.SessionLogged, client.Id, "api:Booking system"), (audit.Action, audit.ClientId, audit.UserName));
    }

    [Fact]
    public async Task Log_ClinicLocalTimeInSummer_IsStoredAsTheRightInstant()
    {
        var (_, client, api) = await ClientWithKey();

        var created = await api.PostAsync($"/api/v1/clients/{client.Id}/sessions", Session("2026-04-01T10:30:00"));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(new DateTime(2026, 4, 1, 9, 30, 0, DateTimeKind.Utc), await _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().Select(s => s.StartsAtUtc).SingleAsync()));
    }

    [Fact]
    public async Task Log_TechnicianByEmail_LinksTheStaffMember()
    {
        var (clinic, client, api) = await ClientWithKey();

        var created = await api.PostAsync($"/api/v1/clients/{client.Id}/sessions", Session(technician: clinic.Owner.Email.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var session = await _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().SingleAsync());
        Assert.Equal((clinic.Owner.Id, clinic.Owner.FullName), (session.TechnicianId, session.TechnicianName));
    }

    [Fact]
    public async Task Log_TechnicianTheAppDoesNotKnow_IsStoredByNameWithoutAStaffLink()
    {
        var (clinic, client, api) = await ClientWithKey();

        // Reception may not be named as a session's technician (as on the form), so their name links no one either.
        foreach (var (name, start) in new[] { ("  Robin Guest  ", "2026-02-01T10:00"), (clinic.Reception.FullName, "2026-02-20T10:00") })
        {
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/clients/{client.Id}/sessions", Session(start, name))).Status);
        }

        var sessions = await _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().OrderBy(s => s.StartsAtUtc).ToListAsync());
        Assert.Equal([("Robin Guest", null), (clinic.Reception.FullName, null)], sessions.Select(s => (s.TechnicianName, s.TechnicianId)));
    }

    [Fact]
    public async Task Log_NameSharedByTwoTechnicians_Returns400AskingForTheEmail()
    {
        var (clinic, client, api) = await ClientWithKey();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var twin = new StaffUser { UserName = "twin@example.com", Email = "twin@example.com", FullName = clinic.Technician.FullName, ClinicId = clinic.Id };
            Assert.True((await users.CreateAsync(twin, AppFactory.Password)).Succeeded);
            await users.AddToRoleAsync(twin, StaffRoles.Technician);
        }

        var refused = await api.PostAsync($"/api/v1/clients/{client.Id}/sessions", Session());
        var byEmail = await api.PostAsync($"/api/v1/clients/{client.Id}/sessions", Session(technician: "twin@example.com"));

        ApiKeys.AssertProblem(refused, HttpStatusCode.BadRequest);
        Assert.Equal(["2 staff members are called Technician of Northside SMP: send the technician's email address instead."], refused.Errors["technician"]);
        Assert.Equal(HttpStatusCode.Created, byEmail.Status);
    }

    [Fact]
    public async Task Log_WithinSevenDays_IsSavedWithTheSpacingWarning()
    {
        var (_, client, api) = await ClientWithKey(b => b.WithSession("2026-02-26 10:00"));

        var created = await api.PostAsync($"/api/v1/clients/{client.Id}/sessions", Session());

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var warning = Assert.Single(created.Json.GetProperty("warnings").EnumerateArray());
        Assert.Equal("spacing", warning.GetProperty("code").GetString());
        Assert.Contains("comes 4 days after session 1", warning.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, await SessionCount());
    }

    [Fact]
    public async Task Log_AfterAProtocolChange_UsesTheClinicsCurrentVersion()
    {
        var (clinic, client, api) = await ClientWithKey();
        var v2 = await _app.WithDbAsync(async db =>
        {
            var v1 = await db.ProtocolVersions.IgnoreQueryFilters().SingleAsync();
            var next = v1.Next(v1.Rules.Select(r => ProtocolRuleEntry.Create(r.Position, r.ActivityCode, r.Kind, r.Anchor, r.FromDay, r.ToDay, r.Instruction, r.Source, r.Enabled)),
                "owner", _app.Clock.GetUtcNow().UtcDateTime);
            db.ProtocolVersions.Add(next);
            await db.SaveChangesAsync();
            return next.Id;
        });

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/clients/{client.Id}/sessions", Session())).Status);

        Assert.NotEqual(clinic.ProtocolVersionId, v2);
        Assert.Equal(v2, await _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().Select(s => s.ProtocolVersionId).SingleAsync()));
    }

    [Theory]
    [InlineData("2026-03-02T09:00Z", "Send the clinic's local time without an offset or Z (the clinic is in Europe/London), like 2026-03-02T10:00.")]
    [InlineData("2026-03-02T09:00:00+01:00", "Send the clinic's local time without an offset or Z (the clinic is in Europe/London), like 2026-03-02T10:00.")]
    [InlineData("next tuesday", "'next tuesday' is not a date and time like 2026-03-02T10:00 (clinic-local, Europe/London).")]
    [InlineData("2026-02-30T09:00", "'2026-02-30T09:00' is not a date and time like 2026-03-02T10:00 (clinic-local, Europe/London).")]
    [InlineData(null, "Send the session's start in the clinic's local time (Europe/London), like 2026-03-02T10:00.")]
    [InlineData("2027-06-01T09:00", "1 Jun 2027 is more than a year ahead: check the year. Sessions can be logged up to 2 Mar 2027.")]
    [InlineData("2026-02-10T10:00", "Session 1 already starts at this moment.")]
    [InlineData("2026-03-29T01:30", "01:30 does not exist on 29 Mar 2026 in Europe/London: the clocks go forward. Use the time shown on the clinic's clock.")]
    public async Task Log_BadStartsAt_Returns400OnStartsAtAndSavesNothing(string? startsAt, string message)
    {
        var (_, client, api) = await ClientWithKey(b => b.WithSession("2026-02-10 10:00"));

        var refused = await api.PostAsync($"/api/v1/clients/{client.Id}/sessions", Session(startsAt));

        ApiKeys.AssertProblem(refused, HttpStatusCode.BadRequest);
        Assert.Equal([message], refused.Errors["startsAt"]);
        Assert.Equal(1, await SessionCount());
        Assert.Equal(0, await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync()));
    }

    /// <summary>Years 1 and 9999 in zones west and east of UTC once answered 500; 1926 made a 9 MB page.</summary>
    [Theory]
    [InlineData("America/Los_Angeles", "0001-01-01T00:00", "1 Jan 0001 is more than a year ago")]
    [InlineData("Pacific/Auckland", "0001-01-01T00:00", "1 Jan 0001 is more than a year ago")]
    [InlineData("America/Los_Angeles", "9999-12-31T23:59", "31 Dec 9999 is more than a year ahead")]
    [InlineData("Pacific/Auckland", "9999-12-31T23:59", "31 Dec 9999 is more than a year ahead")]
    [InlineData("Europe/London", "1926-05-01T10:00", "1 May 1926 is more than a year ago: check the year. Sessions from 2 Mar 2025 on can be logged; older treatment belongs in the client's notes.")]
    [InlineData("Europe/London", "2025-03-01T10:00", "1 Mar 2025 is more than a year ago")]
    public async Task Log_DateOutsideTheBounds_Returns400WithTheBoundsInAnyZone(string zone, string startsAt, string message)
    {
        var clinic = await _app.SeedClinicAsync(timeZone: zone);
        var client = await _app.Client(clinic).SaveAsync();
        using var api = ApiCaller.For(_app, await _app.ApiKeyAsync(clinic));

        var refused = await api.PostAsync($"/api/v1/clients/{client.Id}/sessions", Session(startsAt, technician: "Technician of Northside SMP"));

        ApiKeys.AssertProblem(refused, HttpStatusCode.BadRequest);
        Assert.StartsWith(message, Assert.Single(refused.Errors["startsAt"]), StringComparison.Ordinal);
        Assert.Equal(0, await SessionCount());
    }

    [Theory]
    [InlineData("2025-03-03T10:00")] // a year back, within the bounds
    [InlineData("2027-03-01T10:00")] // a year ahead, within the bounds
    public async Task Log_DateJustInsideTheBounds_IsLogged(string startsAt)
    {
        var (_, client, api) = await ClientWithKey();

        var created = await api.PostAsync($"/api/v1/clients/{client.Id}/sessions", Session(startsAt));

        Assert.Equal(HttpStatusCode.Created, created.Status);
    }

    [Theory]
    [InlineData("{\"startsAt\": 202603020900, \"technician\": \"Robin\"}", "startsAt", "Expected a string or null.")]
    [InlineData("{\"startsAt\": \"2026-03-02T09:00\", \"technician\": \"Robin\", \"isFinal\": \"no\"}", "isFinal", "Expected true or false.")]
    [InlineData("{\"startsAt\": \"2026-03-02T09:00\", \"technician\": \"Robin\"", "$", "The body is not valid JSON (line 1, position ")]
    public async Task Log_MalformedBody_Returns400ProblemDetails(string body, string field, string message)
    {
        var (_, client, api) = await ClientWithKey();

        var refused = await api.PostRawAsync($"/api/v1/clients/{client.Id}/sessions", body);

        ApiKeys.AssertProblem(refused, HttpStatusCode.BadRequest);
        Assert.StartsWith(message, Assert.Single(refused.Errors[field]), StringComparison.Ordinal);
        Assert.Equal(0, await SessionCount());
    }

    [Fact]
    public async Task Log_EverythingWrong_ListsEachFieldOnce()
    {
        var (_, client, api) = await ClientWithKey(b => b.WithKeloidHistory());

        var refused = await api.PostAsync($"/api/v1/clients/{client.Id}/sessions", new { startsAt = "", technician = " ", notes = new string('x', 4001) });

        ApiKeys.AssertProblem(refused, HttpStatusCode.BadRequest);
        Assert.Equal(["Send the session's start in the clinic's local time (Europe/London), like 2026-03-02T10:00."], refused.Errors["startsAt"]);
        Assert.Equal(["Name the technician who did the session: a staff member's name or email, or the name your booking system knows."], refused.Errors["technician"]);
        Assert.Single(refused.Errors["notes"]);
        Assert.Equal(["Confirm you have read the client's contraindications."], refused.Errors["confirmContraindications"]);
    }

    [Fact]
    public async Task Log_AfterTheFinalSession_Returns400OnIsFinal()
    {
        var (_, client, api) = await ClientWithKey(b => b.WithSession("2026-02-10 10:00", final: true));

        var refused = await api.PostAsync($"/api/v1/clients/{client.Id}/sessions", Session());

        ApiKeys.AssertProblem(refused, HttpStatusCode.BadRequest);
        Assert.Equal(["Session 1 (10 Feb 2026 10:00) is marked final. Edit it first if the treatment goes on."], refused.Errors["isFinal"]);
        Assert.Equal(1, await SessionCount());
    }

    [Fact]
    public async Task Log_ClientWithContraindications_NeedsConfirmContraindications()
    {
        var (_, client, api) = await ClientWithKey(b => b.WithKeloidHistory());

        var refused = await api.PostAsync($"/api/v1/clients/{client.Id}/sessions", Session());
        Assert.Equal(0, await SessionCount());
        var confirmed = await api.PostAsync($"/api/v1/clients/{client.Id}/sessions", Session(confirmContraindications: true));

        ApiKeys.AssertProblem(refused, HttpStatusCode.BadRequest);
        Assert.Equal(["Confirm you have read the client's contraindications."], refused.Errors["confirmContraindications"]);
        Assert.Equal(HttpStatusCode.Created, confirmed.Status);
    }

    [Fact]
    public async Task Log_ArchivedClient_Returns400ProblemAndSavesNothing()
    {
        var (_, client, api) = await ClientWithKey();
        await _app.WithDbAsync(async db =>
        {
            (await db.Clients.IgnoreQueryFilters().SingleAsync()).Archive(_app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });

        var refused = await api.PostAsync($"/api/v1/clients/{client.Id}/sessions", Session());

        ApiKeys.AssertProblem(refused, HttpStatusCode.BadRequest);
        Assert.Equal(["Restore the client before logging a session: the client is archived."], refused.Errors["$"]);
        Assert.Equal(0, await SessionCount());
        Assert.Equal(0, await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync()));
    }

    public void Dispose() => _app.Dispose();
}
