using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Features.Sessions;
using SmpAftercare.Web.Features.Today;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Infrastructure.Staff;

namespace SmpAftercare.Web.Features.Protocol;

/// <summary>A client in active aftercare whose sessions were logged under an older protocol version.</summary>
public sealed record ClientToMove(Guid Id, string FullName, string Versions);

public abstract record MoveOutcome
{
    public sealed record Moved(int Clients) : MoveOutcome;

    /// <summary>Nothing moved, with the reason in plain words.</summary>
    public sealed record Refused(string Message) : MoveOutcome;
}

/// <summary>
/// Moves clients in active aftercare to the current protocol version: an owner's explicit, confirmed act. Sessions
/// otherwise keep the version they were logged under, so nothing moves silently. The sessions' new version, the
/// replanned reminders and one audit row per client are saved in one transaction, guarded by each client's version.
/// </summary>
public sealed class ProtocolMove(ReminderOutbox outbox, TimeProvider clock)
{
    public const string ConflictMessage =
        "Someone changed one of these clients' sessions while the move was being saved, so nobody was moved. Look at the list again and move them.";

    /// <summary>
    /// Clients not archived whose aftercare is still running today (something is avoided or recommended, or a session
    /// is still to come) and who have a session under a version other than <paramref name="target"/>.
    /// </summary>
    public static async Task<IReadOnlyList<ClientToMove>> CandidatesAsync(AppDbContext db, Clinic clinic, ProtocolVersion target, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(target);
        var today = clinic.TimeZone.DateOf(now);
        var recentFrom = now.UtcDateTime.AddDays(-TodayOverview.AftercareWindowDays);
        var clients = await db.Clients.AsNoTracking()
            .Where(c => c.ArchivedAtUtc == null
                        && db.Sessions.Any(s => s.ClientId == c.Id && s.StartsAtUtc >= recentFrom && s.Review == null)
                        && db.Sessions.Any(s => s.ClientId == c.Id && s.ProtocolVersionId != target.Id))
            .OrderBy(c => c.FullName)
            .Select(c => new { c.Id, c.FullName })
            .ToListAsync(cancellationToken);
        var ids = clients.Select(c => c.Id).ToList();
        var sessions = (await db.Sessions.AsNoTracking().Where(s => ids.Contains(s.ClientId) && s.Review == null).ToListAsync(cancellationToken))
            .ToLookup(s => s.ClientId);
        var versionNumbers = await db.ProtocolVersions.AsNoTracking().ToDictionaryAsync(v => v.Id, v => v.Version, cancellationToken);

        var result = new List<ClientToMove>();
        foreach (var client in clients)
        {
            var own = sessions[client.Id].ToList();
            var timeline = await TimelineLoader.BuildAsync(own, db.ProtocolVersions.AsNoTracking(), clinic, cancellationToken);
            var status = timeline.For(today);
            // Care advice with no end (sunscreen for good) alone is not aftercare in progress.
            var running = status.Avoid.Count > 0 || status.Recommended.Any(r => r.LastDay is not null)
                          || own.Any(s => clinic.TimeZone.DateOf(s.StartsAt) >= today);
            if (running)
            {
                var versions = own.Where(s => s.ProtocolVersionId != target.Id).Select(s => versionNumbers[s.ProtocolVersionId]).Distinct().Order();
                result.Add(new ClientToMove(client.Id, client.FullName, string.Join(", ", versions.Select(v => $"version {v}"))));
            }
        }

        return result;
    }

    /// <summary>
    /// Moves the clients the owner confirmed, and only those still in the list when the move is saved, to
    /// <paramref name="targetId"/>, which must still be the clinic's current version.
    /// </summary>
    public async Task<MoveOutcome> MoveAsync(AppDbContext db, Guid targetId, IReadOnlyCollection<Guid> confirmedClientIds, StaffMember staff,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(confirmedClientIds);
        ArgumentNullException.ThrowIfNull(staff);
        var now = clock.GetUtcNow();
        var target = await db.ProtocolVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == targetId, cancellationToken);
        var current = await db.ProtocolVersions.AsNoTracking().MaxAsync(v => (int?)v.Version, cancellationToken);
        if (target is null)
        {
            return new MoveOutcome.Refused("There is no such protocol version in your clinic.");
        }

        if (target.Version != current)
        {
            return new MoveOutcome.Refused($"Version {current} was saved meanwhile: clients can only move to the current version. Open it and move them from there.");
        }

        var clinic = await db.Clinics.SingleAsync(cancellationToken);
        var moving = (await CandidatesAsync(db, clinic, target, now, cancellationToken)).Where(c => confirmedClientIds.Contains(c.Id)).ToList();
        if (moving.Count == 0)
        {
            return new MoveOutcome.Refused("None of these clients needs moving any more, so nothing changed.");
        }

        var ids = moving.Select(c => c.Id).ToList();
        // Clients first, then their sessions: each client's version vouches for the sessions read after it.
        var clients = await db.Clients.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var sessions = await db.Sessions.Where(s => ids.Contains(s.ClientId) && s.ProtocolVersionId != target.Id).ToListAsync(cancellationToken);
        try
        {
            foreach (var session in sessions)
            {
                session.MoveToProtocol(clients[session.ClientId], target.Id, target.ClinicId, now.UtcDateTime);
            }

            foreach (var client in moving)
            {
                await outbox.RecomputeAsync(db, clinic, client.Id, now, cancellationToken);
                staff.Audit(db, AuditActions.ProtocolClientMoved, client.Id, now.UtcDateTime,
                    $"Moved from {client.Versions} to version {target.Version}; reminders replanned");
            }
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            return new MoveOutcome.Refused(e.Message);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new MoveOutcome.Refused(ConflictMessage);
        }
        catch (DbUpdateException e) when (SessionBook.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return new MoveOutcome.Refused(ConflictMessage);
        }

        return new MoveOutcome.Moved(moving.Count);
    }
}
