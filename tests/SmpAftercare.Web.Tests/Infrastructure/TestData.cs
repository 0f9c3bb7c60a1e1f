using SmpAftercare.Domain.Aftercare;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Tests.Infrastructure;

/// <summary>Builds a client (and their sessions) and writes them straight to the database.</summary>
public sealed class ClientBuilder(AppFactory app, TestClinic clinic)
{
    private readonly List<(string Local, bool Final)> _sessions = [];
    private ClientDetails _details = new("Alex Morgan", "alex@example.com", "+447700900123", ContactChannel.Email, true, true,
        null, null, false, null);

    public ClientBuilder Named(string name)
    {
        _details = _details with { FullName = name };
        return this;
    }

    public ClientBuilder WithContact(string? email, string? phone)
    {
        _details = _details with { Email = email, Phone = phone, EmailConsent = email is not null, SmsConsent = phone is not null,
            PreferredChannel = email is not null ? ContactChannel.Email : phone is not null ? ContactChannel.Sms : ContactChannel.None };
        return this;
    }

    public ClientBuilder PlannedOn(DateOnly next)
    {
        _details = _details with { PlannedNextSession = next };
        return this;
    }

    public ClientBuilder WithKeloidHistory()
    {
        _details = _details with { KeloidHistory = true };
        return this;
    }

    public ClientBuilder WithNotes(string notes)
    {
        _details = _details with { Notes = notes };
        return this;
    }

    /// <param name="local">Clinic-local start, "yyyy-MM-dd HH:mm".</param>
    public ClientBuilder WithSession(string local, bool final = false)
    {
        _sessions.Add((local, final));
        return this;
    }

    public async Task<SeededClient> SaveAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clinicRow = db.Clinics.IgnoreQueryFilters().Single(c => c.Id == clinic.Id);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var client = Client.Create(clinic.Id, _details, clinicRow.Region, now);
        db.Clients.Add(client);
        var sessionIds = new List<Guid>();
        var logged = new List<TreatmentSession>();
        foreach (var (local, final) in _sessions)
        {
            var start = clinicRow.TimeZone.ToInstant(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            var session = TreatmentSession.Log(client, clinic.ProtocolVersionId,
                new SessionDetails(start, clinic.Technician.Id, clinic.Technician.FullName, final, null, null, null, "staff-only session note"), logged, now);
            logged.Add(session);
            db.Sessions.Add(session);
            sessionIds.Add(session.Id);
        }

        await db.SaveChangesAsync();
        return new SeededClient(client.Id, client.FullName, sessionIds);
    }
}

public sealed record SeededClient(Guid Id, string FullName, IReadOnlyList<Guid> SessionIds);

public static class TestDataExtensions
{
    /// <summary>Saves the clinic's next protocol version with one rule's last day changed, as the owner's editor would.</summary>
    /// <returns>The new version's id.</returns>
    public static Task<Guid> SaveProtocolVersionAsync(this AppFactory app, TestClinic clinic, int position, int? toDay) =>
        app.WithDbAsync(async db =>
        {
            var latest = await db.ProtocolVersions.IgnoreQueryFilters().Where(v => v.ClinicId == clinic.Id).OrderByDescending(v => v.Version).FirstAsync();
            // New lines, never the stored ones: a version owns its lines.
            var rules = latest.Rules.Select(r =>
                ProtocolRuleEntry.Create(r.Position, r.ActivityCode, r.Kind, r.Anchor, r.FromDay, r.Position == position ? toDay : r.ToDay, r.Instruction, r.Source, r.Enabled));
            var next = latest.Next([.. rules], clinic.Owner.FullName, app.Clock.GetUtcNow().UtcDateTime);
            db.ProtocolVersions.Add(next);
            await db.SaveChangesAsync();
            return next.Id;
        });

    public static ClientBuilder Client(this AppFactory app, TestClinic clinic) => new(app, clinic);

    /// <summary>
    /// Sessions saved as a bad import once saved them, before dates had bounds: the domain's bounds count from the
    /// moment a session is logged, so each is logged "at" its own start, numbered in time order with the client's other sessions.
    /// </summary>
    /// <summary>A technician keeps a restriction longer for the client, from their first session on (as the client page saves it).</summary>
    public static Task<int> AdjustAsync(this AppFactory app, SeededClient seeded, Activity activity, int toDay, string reason = "Heavy bleeding today") =>
        app.WithDbAsync(async db =>
        {
            var client = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == seeded.Id);
            var session = await db.Sessions.IgnoreQueryFilters().SingleAsync(s => s.Id == seeded.SessionIds[0]);
            var version = await db.ProtocolVersions.IgnoreQueryFilters().SingleAsync(v => v.Id == session.ProtocolVersionId);
            var clinic = await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == client.ClinicId);
            db.RuleAdjustments.Add(ClientRuleAdjustment.Create(client, session, version.ToProtocol(), activity, RuleAnchor.EverySession, 0, toDay,
                $"no {activity.Name.ToLowerInvariant()} until day {toDay + 1}.", reason, "Technician", clinic.AdjustmentLimits, app.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });

    public static Task<int> AddSessionsLoggedBackThenAsync(this AppFactory app, TestClinic clinic, Guid clientId, params DateTimeOffset[] starts) =>
        app.WithDbAsync(async db =>
        {
            var client = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == clientId);
            var logged = await db.Sessions.IgnoreQueryFilters().Where(s => s.ClientId == clientId && s.Review == null).ToListAsync();
            foreach (var start in starts)
            {
                var session = TreatmentSession.Log(client, clinic.ProtocolVersionId,
                    new SessionDetails(start, clinic.Technician.Id, clinic.Technician.FullName, false, null, null, null, null), logged, start.UtcDateTime);
                logged.Add(session);
                db.Sessions.Add(session);
            }

            return await db.SaveChangesAsync();
        });
}
