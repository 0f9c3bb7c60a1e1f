using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.CheckIns;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure.Staff;

namespace SmpAftercare.Web.Features.CheckIns;

public static class CheckInAuditActions
{
    public const string WarningRaised = "checkin.warning";
    public const string AlertSeen = "checkin.alert-seen";
}

/// <summary>A warning-sign check-in nobody has marked seen: the dashboard's list.</summary>
public sealed record OpenAlert(Guid CheckInId, Guid ClientId, string ClientName, DateTime SubmittedAtUtc, int HealingDay, int SessionNumber, IReadOnlyList<string> Warnings);

/// <summary>A check-in as staff read it, with its photos.</summary>
public sealed record CheckInView(CheckIn CheckIn, IReadOnlyList<CheckInPhoto> Photos);

/// <summary>The clinic's side of check-ins: open alerts, a client's check-ins, marking an alert seen.</summary>
public static class CheckInAlerts
{
    /// <summary>The audit row the client's own warning writes (no staff member: the client is the actor).</summary>
    public static AuditEntry Raised(CheckIn checkIn, string clientName) =>
        AuditEntry.Record(checkIn.ClinicId, "client", $"{clientName} (personal link)", CheckInAuditActions.WarningRaised, checkIn.ClientId,
            $"Warning sign at the day {checkIn.HealingDay} check-in: {string.Join(", ", checkIn.Answers.Where(a => a.Verdict == SignVerdict.Warning).Select(a => a.Sign.Label))}.",
            checkIn.SubmittedAtUtc);

    /// <summary>Open alerts of the context's clinic, newest first. Archived clients' alerts stay until seen: a warning is not filed away.</summary>
    public static async Task<IReadOnlyList<OpenAlert>> OpenAsync(AppDbContext db, Guid? clientId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.CheckIns.AsNoTracking()
            .Where(c => c.IsWarning && c.SeenAtUtc == null && (clientId == null || c.ClientId == clientId))
            .Join(db.Clients, c => c.ClientId, cl => cl.Id, (c, cl) => new { CheckIn = c, cl.FullName })
            .OrderByDescending(x => x.CheckIn.SubmittedAtUtc)
            .Take(50)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(x => new OpenAlert(x.CheckIn.Id, x.CheckIn.ClientId, x.FullName, x.CheckIn.SubmittedAtUtc, x.CheckIn.HealingDay, x.CheckIn.SessionNumber,
            [.. x.CheckIn.Answers.Where(a => a.Verdict == SignVerdict.Warning).Select(a => a.Sign.Label)]))];
    }

    /// <summary>A client's check-ins with their photos, newest first.</summary>
    public static async Task<IReadOnlyList<CheckInView>> ForClientAsync(AppDbContext db, Guid clientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var checkIns = await db.CheckIns.AsNoTracking().Where(c => c.ClientId == clientId).OrderByDescending(c => c.SubmittedAtUtc).ToListAsync(cancellationToken);
        var photos = (await db.CheckInPhotos.AsNoTracking().Where(p => p.ClientId == clientId).ToListAsync(cancellationToken)).ToLookup(p => p.CheckInId);
        return [.. checkIns.Select(c => new CheckInView(c, [.. photos[c.Id].OrderBy(p => p.Angle)]))];
    }

    /// <summary>Marks the alert seen with the staff member's note and an audit row, in one save. False when it was not open.</summary>
    public static async Task<bool> MarkSeenAsync(AppDbContext db, StaffMember staff, Guid checkInId, string? note, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(staff);
        var checkIn = await db.CheckIns.SingleOrDefaultAsync(c => c.Id == checkInId, cancellationToken);
        if (checkIn is null || !checkIn.IsWarning || !checkIn.MarkSeen(staff.DisplayName, note, nowUtc))
        {
            return false;
        }

        staff.Audit(db, CheckInAuditActions.AlertSeen, checkIn.ClientId, nowUtc,
            $"Alert of the day {checkIn.HealingDay} check-in marked seen{(checkIn.SeenNote is { } n ? $": {n}" : ".")}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }

        return true;
    }
}
