using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Infrastructure.Staff;

namespace SmpAftercare.Web.Features.Sessions;

/// <summary>Who changes a client's sessions, for the audit row (a staff member, or an API key's booking system).</summary>
public sealed record SessionActor(Guid ClinicId, string UserId, string UserName)
{
    public static SessionActor From(StaffContext staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return new SessionActor(staff.RequiredClinicId, staff.UserId, staff.DisplayName);
    }

    /// <summary>The staff member of an interactive page, from the circuit's authentication state.</summary>
    public static SessionActor From(StaffMember staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return new SessionActor(staff.ClinicId, staff.UserId, staff.DisplayName);
    }
}

/// <summary>One client's sessions as read for a change, in the order the client's version needs (client first).</summary>
/// <param name="Session">The session being edited or deleted; null when logging a new one.</param>
/// <param name="Others">The client's kept sessions other than <paramref name="Session"/>, in time order.</param>
/// <param name="WaitingForReview">Sessions an earlier release left broken (same instant, after the final), in time order.</param>
public sealed record SessionDraft(Clinic Clinic, Client Client, TreatmentSession? Session, IReadOnlyList<TreatmentSession> Others,
    IReadOnlyList<TreatmentSession> WaitingForReview);

public abstract record SessionOutcome
{
    /// <summary>Saved, with any spacing warnings the clinic should see.</summary>
    public sealed record Saved(TreatmentSession Session, IReadOnlyList<string> Warnings) : SessionOutcome;

    /// <summary>Nothing saved: the session is close to a neighbour and the caller has not accepted that yet.</summary>
    public sealed record NeedsConfirmation(IReadOnlyList<string> Warnings) : SessionOutcome;

    /// <summary>Nothing saved: the change breaks a rule (a 400).</summary>
    public sealed record Refused(string Message) : SessionOutcome;

    /// <summary>Nothing saved: another change to the client's sessions was saved at the same moment (a 409).</summary>
    public sealed record Conflict(string Message) : SessionOutcome;
}

/// <summary>
/// The one place a client's sessions are logged, changed and deleted, for the staff pages and the API alike: the
/// domain checks the rules across the client's sessions and renumbers them in time order, the reminders are
/// recomputed, and everything is saved in one transaction guarded by the client's version and the unique indexes
/// (docs/decisions/0006-session-invariants.md). A concurrent change answers <see cref="SessionOutcome.Conflict"/>,
/// never an exception.
/// </summary>
public sealed class SessionBook(ReminderOutbox outbox, TimeProvider clock)
{
    public const string ConflictMessage =
        "Someone else changed this client's sessions at the same moment, so nothing was saved. Reload the client and try again.";

    /// <summary>
    /// Reads a client (by id, or through the session being edited) and their sessions; null when either is not the
    /// signed-in clinic's. The client is read before the sessions: its version then vouches for what was read.
    /// </summary>
    public static async Task<SessionDraft?> OpenAsync(AppDbContext db, Guid? clientId, Guid? sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (sessionId is { } id)
        {
            clientId = await db.Sessions.Where(s => s.Id == id).Select(s => (Guid?)s.ClientId).SingleOrDefaultAsync(cancellationToken);
        }

        var client = clientId is null ? null : await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken);
        if (client is null)
        {
            return null;
        }

        var clinic = await db.Clinics.SingleAsync(cancellationToken);
        var sessions = await db.Sessions.Where(s => s.ClientId == client.Id).OrderBy(s => s.StartsAtUtc).ThenBy(s => s.CreatedAtUtc)
            .ToListAsync(cancellationToken);
        var session = sessionId is null ? null : sessions.SingleOrDefault(s => s.Id == sessionId);
        if (sessionId is not null && session is null)
        {
            return null; // deleted between the two reads
        }

        return new SessionDraft(clinic, client, session,
            [.. sessions.Where(s => s.Review is null && s != session)],
            [.. sessions.Where(s => s.Review is not null)]);
    }

    /// <summary>Logs a new session (<see cref="SessionDraft.Session"/> null) or changes the draft's session.</summary>
    /// <param name="acceptSpacing">Save even when the session is less than the protocol's spacing from a neighbour.</param>
    /// <param name="auditNote">Appended to the audit row's details (", through the API").</param>
    /// <param name="beforeSave">Adds what must be saved in the same transaction (the API's idempotency record).</param>
    public async Task<SessionOutcome> SaveAsync(AppDbContext db, SessionDraft draft, SessionDetails details, SessionActor actor,
        bool acceptSpacing, string? auditNote = null, Action<SessionOutcome.Saved>? beforeSave = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        var now = clock.GetUtcNow();
        var numbers = Numbers(draft);
        TreatmentSession session;
        IReadOnlyList<string> warnings;
        try
        {
            if (draft.Session is null)
            {
                var current = await db.ProtocolVersions.OrderByDescending(v => v.Version).Select(v => v.Id).FirstAsync(cancellationToken);
                session = TreatmentSession.Log(draft.Client, current, details, draft.Others, now.UtcDateTime);
            }
            else
            {
                session = draft.Session;
                session.Change(draft.Client, details, draft.Others, now.UtcDateTime);
            }

            var timeline = await TimelineLoader.BuildAsync([.. draft.Others, session], db.ProtocolVersions, draft.Clinic, cancellationToken);
            warnings = [.. timeline.WarningsFor(session.Id).Select(w => w.Message)];
        }
        catch (DomainException e)
        {
            return new SessionOutcome.Refused(e.Message);
        }

        if (warnings.Count > 0 && !acceptSpacing)
        {
            return new SessionOutcome.NeedsConfirmation(warnings);
        }

        if (draft.Session is null)
        {
            db.Sessions.Add(session);
        }

        Audit(db, actor, draft.Session is null ? AuditActions.SessionLogged : AuditActions.SessionUpdated, draft,
            $"Session {session.SessionNumber} at {draft.Clinic.TimeZone.ToLocal(session.StartsAt):yyyy-MM-dd HH:mm}{(session.IsFinal ? " (final)" : "")}{auditNote}");
        var saved = new SessionOutcome.Saved(session, warnings);
        beforeSave?.Invoke(saved);
        return await CommitAsync(db, draft, numbers, saved, cancellationToken);
    }

    /// <summary>Deletes the draft's session (kept or waiting for review) and renumbers the others.</summary>
    public async Task<SessionOutcome> DeleteAsync(AppDbContext db, SessionDraft draft, SessionActor actor, string? auditNote = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(draft);
        var session = draft.Session ?? throw new ArgumentException("The draft has no session to delete.", nameof(draft));
        var numbers = Numbers(draft);
        try
        {
            SessionOrder.Renumber(draft.Client, draft.Others);
        }
        catch (DomainException e)
        {
            return new SessionOutcome.Refused(e.Message);
        }

        db.Sessions.Remove(session);
        Audit(db, actor, AuditActions.SessionDeleted, draft,
            $"Session {session.SessionNumber} at {draft.Clinic.TimeZone.ToLocal(session.StartsAt):yyyy-MM-dd HH:mm}{auditNote}");
        return await CommitAsync(db, draft, numbers, new SessionOutcome.Saved(session, []), cancellationToken);
    }

    /// <summary>Whether a failed save was refused by a unique index (SQLite constraint error, PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception?.InnerException switch
    {
        SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } => true,
        DbException { SqlState: "23505" } => true,
        _ => false,
    };

    private static Dictionary<Guid, int> Numbers(SessionDraft draft) =>
        draft.Others.Concat(draft.Session is { } s ? [s] : []).ToDictionary(s => s.Id, s => s.SessionNumber);

    private void Audit(AppDbContext db, SessionActor actor, string action, SessionDraft draft, string details) =>
        db.AuditEntries.Add(AuditEntry.Record(actor.ClinicId, actor.UserId, actor.UserName, action, draft.Client.Id, details,
            clock.GetUtcNow().UtcDateTime));

    private async Task<SessionOutcome> CommitAsync(AppDbContext db, SessionDraft draft, Dictionary<Guid, int> numbersBefore,
        SessionOutcome.Saved saved, CancellationToken cancellationToken)
    {
        try
        {
            await outbox.RecomputeAsync(db, draft.Clinic, draft.Client.Id, clock.GetUtcNow(), cancellationToken);
        }
        catch (DomainException)
        {
            // The rules already passed against the sessions read with the draft; the replanning reads them again, so
            // a refusal here means another request changed them meanwhile (a twin saved the same session).
            db.ChangeTracker.Clear();
            return new SessionOutcome.Conflict(ConflictMessage);
        }

        // Stored sessions whose number changes (or that go) first step aside to negative numbers: a unique index is
        // checked row by row on SQLite and PostgreSQL alike, so handing 2 to one row while another still holds it fails.
        var moving = db.ChangeTracker.Entries<TreatmentSession>()
            .Where(e => numbersBefore.TryGetValue(e.Entity.Id, out var before)
                        && (e.State == EntityState.Deleted || e.Entity.SessionNumber != before))
            .Select(e => e.Entity.Id)
            .ToList();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (moving.Count > 0)
            {
                await db.Sessions.IgnoreQueryFilters()
                    .Where(s => s.ClinicId == draft.Clinic.Id && moving.Contains(s.Id))
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.SessionNumber, s => -s.SessionNumber), cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new SessionOutcome.Conflict(ConflictMessage);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return new SessionOutcome.Conflict(ConflictMessage);
        }
    }
}
