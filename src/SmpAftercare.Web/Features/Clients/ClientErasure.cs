using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.CheckIns;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Clients;

public enum ErasureResult
{
    Erased,

    /// <summary>No such client in the caller's clinic (never was, another clinic's, or already erased).</summary>
    NotFound,

    /// <summary>A reminder to the client was claimed by the dispatcher and is being handed over right now: nothing was erased.</summary>
    ReminderBeingSent,
}

/// <summary>What an erasure did; the counts are what the audit row records (no name, no contact details).</summary>
public sealed record ErasureOutcome(ErasureResult Result, int Sessions = 0, int CheckIns = 0, int Photos = 0, int Reminders = 0, int Links = 0)
{
    public const string BeingSentMessage = "A reminder to this client is being sent right now, so nothing was erased. Try again in a minute.";

    /// <summary>The audit row's text: what went, counted.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"Erased at the client's request: {Count(Sessions, "session")}, {Count(CheckIns, "check-in")} with {Count(Photos, "photo")}, {Count(Reminders, "reminder")}, {Count(Links, "personal link")}.");

    private static string Count(int n, string what) => string.Create(CultureInfo.InvariantCulture, $"{n} {what}{(n == 1 ? "" : "s")}");
}

/// <summary>
/// Forgets a client, as a clinic does when a client asks to be forgotten: the client row, sessions, rule adjustments,
/// personal links (the page then answers 404 like an unknown link), every reminder, check-ins and their photo rows go
/// in one transaction with an audit row saying who erased a client and when; the client's earlier audit rows keep
/// who did what and when but lose their details. The photo files go after the commit. The staff page (owner only)
/// and DELETE /api/v1/clients/{id} call it (docs/decisions/0017-client-erasure.md).
/// </summary>
public sealed partial class ClientErasure(CheckInPhotoStore photos, TimeProvider clock, ILogger<ClientErasure> logger)
{
    /// <summary>The actor id audit rows written by the client themself carry (check-in alerts, opt-outs).</summary>
    public const string ClientActor = "client";

    /// <summary>What those rows' actor reads after the erasure, instead of the client's name.</summary>
    public const string ErasedClientName = "The client (erased)";

    /// <summary>
    /// The typed confirmation matches the client's name: spaces around and between words and letter case do not
    /// count, every letter does.
    /// </summary>
    public static bool NameMatches(string? typed, string fullName) =>
        typed is not null && string.Equals(Normalise(typed), Normalise(fullName), StringComparison.OrdinalIgnoreCase);

    /// <param name="db">Scoped to the caller's clinic by its query filter: another clinic's client is not found.</param>
    public async Task<ErasureOutcome> EraseAsync(AppDbContext db, Guid clientId, string userId, string userName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.CurrentClinicId is not { } clinicId)
        {
            return new ErasureOutcome(ErasureResult.NotFound);
        }

        ErasureOutcome outcome;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (!await db.Clients.AnyAsync(c => c.Id == clientId, cancellationToken))
            {
                return new ErasureOutcome(ErasureResult.NotFound);
            }

            // Every reminder but one the dispatcher has claimed. A claim racing this statement either comes first (the
            // row is Sending and stays, and the check below refuses) or finds the row gone (nothing is sent): a
            // claimed message is handed over within seconds, and erasing under it would let it go out afterwards.
            var reminders = await db.Reminders.Where(r => r.ClientId == clientId && r.Status != ReminderStatus.Sending).ExecuteDeleteAsync(cancellationToken);
            if (await db.Reminders.AnyAsync(r => r.ClientId == clientId, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return new ErasureOutcome(ErasureResult.ReminderBeingSent);
            }

            // Children first: nothing depends on the providers' cascade paths (a photo row's link to its client is NO ACTION).
            var photoRows = await db.CheckInPhotos.Where(p => p.ClientId == clientId).ExecuteDeleteAsync(cancellationToken);
            var checkIns = await db.CheckIns.Where(c => c.ClientId == clientId).ExecuteDeleteAsync(cancellationToken);
            await db.RuleAdjustments.Where(a => a.ClientId == clientId).ExecuteDeleteAsync(cancellationToken);
            var sessions = await db.Sessions.Where(s => s.ClientId == clientId).ExecuteDeleteAsync(cancellationToken);
            var links = await db.ClientLinks.Where(l => l.ClientId == clientId).ExecuteDeleteAsync(cancellationToken);

            // The log keeps who did what and when; its details (changed names and addresses, notes, signs) and the
            // client's own name as the actor of their check-ins and opt-outs go.
            await db.AuditEntries.Where(a => a.ClientId == clientId).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Details, (string?)null)
                .SetProperty(a => a.UserName, a => a.UserId == ClientActor ? ErasedClientName : a.UserName), cancellationToken);

            if (await db.Clients.Where(c => c.Id == clientId).ExecuteDeleteAsync(cancellationToken) != 1)
            {
                // Erased by someone else since the check above (PostgreSQL: they committed first).
                await transaction.RollbackAsync(cancellationToken);
                return new ErasureOutcome(ErasureResult.NotFound);
            }

            outcome = new ErasureOutcome(ErasureResult.Erased, sessions, checkIns, photoRows, reminders, links);
            db.AuditEntries.Add(AuditEntry.Record(clinicId, userId, userName, AuditActions.ClientErased, clientId, outcome.Summary, clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // After the commit: files cannot be part of the transaction, and a failed commit must not have lost the photos.
        // A folder left behind (a full disk, a locked file) is served to nobody and the hourly sweep removes it.
        try
        {
            photos.DeleteClient(clinicId, clientId);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogPhotosLeft(e, clientId);
        }

        LogErased(clinicId, clientId);
        return outcome;
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId} of clinic {ClinicId} erased")]
    private partial void LogErased(Guid clinicId, Guid clientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The photo folder of erased client {ClientId} could not be removed now; the hourly sweep removes it")]
    private partial void LogPhotosLeft(Exception exception, Guid clientId);
}
