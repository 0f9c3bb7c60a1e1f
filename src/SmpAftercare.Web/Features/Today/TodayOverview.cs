using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Today;

/// <summary>What the clinic needs to see first thing: who comes in, who is healing, what went wrong, who fell off.</summary>
public sealed record TodayOverview(
    DateOnly Today,
    IReadOnlyList<Appointment> Appointments,
    IReadOnlyList<PhaseGroup> InAftercare,
    IReadOnlyList<ReminderProblem> ReminderProblems,
    IReadOnlyList<UnplannedCourse> Unplanned)
{
    /// <summary>How far back a session can still have its client in aftercare (the longest default rule is weeks, not months).</summary>
    public const int AftercareWindowDays = 120;

    /// <summary>Failed or unsendable reminders stay on the start page this long.</summary>
    public const int ProblemWindowDays = 14;

    public static async Task<TodayOverview> LoadAsync(AppDbContext db, Clinic clinic, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var zone = clinic.TimeZone;
        var today = zone.DateOf(now);
        var tomorrow = today.AddDays(1);
        var fromUtc = zone.ToInstant(today.ToDateTime(TimeOnly.MinValue)).UtcDateTime;
        var untilUtc = zone.ToInstant(today.AddDays(2).ToDateTime(TimeOnly.MinValue)).UtcDateTime;

        var logged = await db.Sessions.AsNoTracking()
            .Where(s => s.StartsAtUtc >= fromUtc && s.StartsAtUtc < untilUtc)
            .Join(db.Clients.Where(c => c.ArchivedAtUtc == null), s => s.ClientId, c => c.Id, (s, c) => new { s.Id, s.StartsAtUtc, s.TechnicianName, c.FullName, ClientId = c.Id })
            .ToListAsync(cancellationToken);
        var planned = await db.Clients.AsNoTracking()
            .Where(c => c.ArchivedAtUtc == null && (c.PlannedNextSession == today || c.PlannedNextSession == tomorrow))
            .Select(c => new { c.Id, c.FullName, c.PlannedNextSession })
            .ToListAsync(cancellationToken);
        var appointments = logged
            .Select(s => new Appointment(zone.DateOf(new DateTimeOffset(s.StartsAtUtc, TimeSpan.Zero)), TimeOnly.FromDateTime(zone.ToLocal(new DateTimeOffset(s.StartsAtUtc, TimeSpan.Zero))), s.ClientId, s.FullName, s.TechnicianName, s.Id))
            .Concat(planned
                .Where(p => !logged.Any(l => l.ClientId == p.Id && zone.DateOf(new DateTimeOffset(l.StartsAtUtc, TimeSpan.Zero)) == p.PlannedNextSession))
                .Select(p => new Appointment(p.PlannedNextSession!.Value, null, p.Id, p.FullName, null, null)))
            .OrderBy(a => a.Date).ThenBy(a => a.Time ?? TimeOnly.MaxValue).ThenBy(a => a.ClientName, StringComparer.CurrentCulture)
            .ToList();

        var recentFrom = now.UtcDateTime.AddDays(-AftercareWindowDays);
        var recentClients = await db.Clients.AsNoTracking()
            .Where(c => c.ArchivedAtUtc == null && db.Sessions.Any(s => s.ClientId == c.Id && s.StartsAtUtc >= recentFrom))
            .Select(c => new { c.Id, c.FullName, c.PlannedNextSession })
            .ToListAsync(cancellationToken);
        var ids = recentClients.Select(c => c.Id).ToList();
        var sessions = (await db.Sessions.AsNoTracking().Where(s => ids.Contains(s.ClientId)).ToListAsync(cancellationToken))
            .ToLookup(s => s.ClientId);
        // A technician's adjustment can keep a client in aftercare longer: the phase here agrees with the client page.
        var adjustments = (await db.RuleAdjustments.AsNoTracking().Where(a => ids.Contains(a.ClientId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.ClientId);

        var healing = new List<(Phase Phase, ClientInAftercare Client)>();
        var unplanned = new List<UnplannedCourse>();
        foreach (var client in recentClients)
        {
            var own = sessions[client.Id].ToList();
            var timeline = await TimelineLoader.BuildAsync(own, db.ProtocolVersions.AsNoTracking(), clinic, [.. adjustments[client.Id].OrderBy(a => a.CreatedAtUtc)], cancellationToken);
            var status = timeline.For(today);
            var latest = timeline.Sessions[^1];
            if (status.Phase is not (Phase.Healed or Phase.BeforeTreatment) && status.Latest is { } day)
            {
                healing.Add((status.Phase, new ClientInAftercare(client.Id, client.FullName, day.Day, day.Session.Ordinal)));
            }

            // A session today counts: the client is in the chair, the next date is planned with them there.
            var hasFutureSession = own.Any(s => zone.DateOf(s.StartsAt) >= today);
            if (!own.Any(s => s.IsFinal) && !hasFutureSession && (client.PlannedNextSession is null || client.PlannedNextSession < today))
            {
                unplanned.Add(new UnplannedCourse(client.Id, client.FullName, latest.Day0, timeline.Sessions.Count, client.PlannedNextSession));
            }
        }

        var problemsFrom = now.UtcDateTime.AddDays(-ProblemWindowDays);
        var problems = await db.Reminders.AsNoTracking()
            .Where(r => (r.Status == ReminderStatus.Failed || r.Status == ReminderStatus.Skipped) && (r.UpdatedAtUtc ?? r.CreatedAtUtc) >= problemsFrom)
            .Join(db.Clients, r => r.ClientId, c => c.Id, (r, c) => new { r.Id, r.Status, r.Channel, r.Kind, r.AnnouncedDate, r.LastError, ClientId = c.Id, c.FullName })
            .ToListAsync(cancellationToken);

        return new TodayOverview(
            today,
            appointments,
            [.. healing.GroupBy(h => h.Phase).OrderBy(g => g.Key).Select(g => new PhaseGroup(g.Key, [.. g.Select(h => h.Client).OrderBy(c => c.Day)]))],
            [.. problems.OrderByDescending(p => p.AnnouncedDate).Select(p => new ReminderProblem(p.Id, p.ClientId, p.FullName, p.Status, p.Channel == Domain.Clients.ContactChannel.Sms ? "Text message" : "Email", p.AnnouncedDate, p.LastError))],
            [.. unplanned.OrderBy(u => u.LastSessionDay)]);
    }
}

public sealed record Appointment(DateOnly Date, TimeOnly? Time, Guid ClientId, string ClientName, string? TechnicianName, Guid? SessionId)
{
    /// <summary>A planned date on the client's record, not yet a logged session.</summary>
    public bool IsPlanOnly => SessionId is null;
}

public sealed record PhaseGroup(Phase Phase, IReadOnlyList<ClientInAftercare> Clients);

public sealed record ClientInAftercare(Guid Id, string FullName, int Day, string SessionOrdinal);

public sealed record ReminderProblem(Guid Id, Guid ClientId, string ClientName, ReminderStatus Status, string ChannelName, DateOnly AnnouncedDate, string? Reason);

public sealed record UnplannedCourse(Guid ClientId, string FullName, DateOnly LastSessionDay, int Sessions, DateOnly? PlannedDatePassed);
