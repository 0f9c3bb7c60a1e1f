using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.CheckIns;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.ClientLink;

namespace SmpAftercare.Web.Features.CheckIns;

/// <summary>One photo the client sent, as the form carried it.</summary>
public sealed record UploadedPhoto(PhotoAngle Angle, long Length, Func<Stream> Open);

/// <summary>
/// The outcome: the saved check-in, or sentences saying what to change (nothing was saved then). Repeated: the same
/// form had already been saved (a retry); nothing new was saved or sent.
/// </summary>
public sealed record CheckInOutcome(CheckIn? Saved, IReadOnlyDictionary<string, string> Problems, bool Repeated = false)
{
    /// <summary>The key of a problem with the whole check-in rather than one field.</summary>
    public const string General = "";

    public const string TooMany = "You have sent several check-ins in the last hour. Please try again later, or call the clinic if something worries you.";

    public static CheckInOutcome Refused(string field, string message) => new(null, new Dictionary<string, string> { [field] = message });
}

/// <summary>
/// Takes a check-in from a personal link: checks it, processes the photos, saves the check-in with them and, for a
/// warning sign, queues the clinic's alert email. Used by the phone page; shares its rules with nobody else.
/// </summary>
public sealed class CheckInSubmission(
    PhotoProcessor processor,
    CheckInPhotoStore store,
    CheckInAlertMails alerts,
    IOptions<CheckInOptions> options,
    ILogger<CheckInSubmission> logger)
{
    /// <summary>The healing day a check-in made today counts from, or null before the first session.</summary>
    public static SessionDay? HealingDay(ResolvedLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return link.IsActive ? link.Timeline!.For(link.Today).Latest : null;
    }

    /// <param name="formId">The id the form was rendered with (<see cref="CheckIn.Submit"/>): a second post of the same form saves and sends nothing.</param>
    public async Task<CheckInOutcome> SubmitAsync(AppDbContext db, ResolvedLink link, IReadOnlyCollection<string> signCodes, string? note,
        IReadOnlyList<UploadedPhoto> photos, DateTimeOffset now, CancellationToken cancellationToken, Guid? formId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(photos);
        if (HealingDay(link) is not { } day)
        {
            return CheckInOutcome.Refused(CheckInOutcome.General, "Check-ins start after your first session.");
        }

        var clinicId = link.Clinic!.Id;
        var clientId = link.Client!.Id;
        if (formId == Guid.Empty)
        {
            formId = null;
        }

        // An id another client's check-in already has is not this form's: the check-in gets a new one.
        if (formId is { } id && await SavedAsync(db, id, cancellationToken) is { } earlier)
        {
            if (earlier.ClientId == clientId && earlier.ClinicId == clinicId)
            {
                return new CheckInOutcome(earlier, new Dictionary<string, string>(), Repeated: true);
            }

            formId = null;
        }

        CheckIn checkIn;
        try
        {
            checkIn = CheckIn.Submit(clinicId, clientId, link.Today, day.Day, day.Session.Number, signCodes, note, now.UtcDateTime, formId);
        }
        catch (DomainException e)
        {
            return CheckInOutcome.Refused(e.Message.StartsWith("Keep the note", StringComparison.Ordinal) ? "note" : "signs", e.Message);
        }

        // Counted before the photos are decoded, so a flood costs no image work; counted again where it is decided, below.
        if (await SentInTheLastHourAsync(db, clientId, now, cancellationToken) >= Limit)
        {
            return CheckInOutcome.Refused(CheckInOutcome.General, CheckInOutcome.TooMany);
        }

        var settings = await Reminders.ReminderOutbox.CheckInSettingsAsync(db, clinicId, cancellationToken);
        var problems = new Dictionary<string, string>();
        var processed = new List<(PhotoAngle Angle, ProcessedPhoto Photo)>();
        foreach (var photo in photos.DistinctBy(p => p.Angle))
        {
            try
            {
                await using var stream = photo.Open();
                processed.Add((photo.Angle, processor.Process(stream, photo.Length, settings.KeepOriginals)));
            }
            catch (PhotoRefusedException e)
            {
                problems[photo.Angle.Code()] = e.Message + " Choose the photo again: for safety a browser never keeps a chosen photo after sending.";
            }
        }

        if (problems.Count > 0)
        {
            return new CheckInOutcome(null, problems);
        }

        // Checked before any file is written, and again where it is decided.
        if (await NoRoomAsync(db, clientId, processed.Sum(p => (long)p.Photo.Display.Length + (p.Photo.Original?.Length ?? 0)), cancellationToken) is { } noRoom)
        {
            return noRoom;
        }

        var rows = new List<CheckInPhoto>();
        CheckInOutcome? refused;
        try
        {
            foreach (var (angle, photo) in processed)
            {
                var photoId = Guid.NewGuid();
                await store.WriteAsync(clinicId, clientId, photoId, original: false, photo.Display, cancellationToken);
                if (photo.Original is { } original)
                {
                    await store.WriteAsync(clinicId, clientId, photoId, original: true, original, cancellationToken);
                }

                rows.Add(CheckInPhoto.Create(photoId, checkIn, angle, photo.Width, photo.Height,
                    photo.Display.Length + (photo.Original?.Length ?? 0), photo.Original is not null, now.UtcDateTime));
            }

            refused = await SaveAsync(db, checkIn, rows, link.Client!.FullName, now, cancellationToken);
        }
        catch
        {
            RemoveFiles(rows);
            throw;
        }

        if (refused is not null)
        {
            // Files without rows would count against nobody's cap and be served to nobody: take them away again.
            RemoveFiles(rows);
            return refused;
        }

        if (checkIn.IsWarning)
        {
            alerts.Enqueue(link.Clinic!, link.Client!.FullName, checkIn);
        }

        CheckInLog.Saved(logger, checkIn.ClinicId, checkIn.Id, checkIn.IsWarning, rows.Count);
        return new CheckInOutcome(checkIn, new Dictionary<string, string>());
    }

    private int Limit => Math.Max(1, options.Value.CheckInsPerLinkPerHour);

    /// <summary>
    /// Saves the check-in in one transaction that first takes the client's row (a no-op UPDATE: a write lock on
    /// PostgreSQL, the database's one write lock on SQLite). So one client's check-ins are counted and saved one at a
    /// time across every app process, the same form posted twice at once is saved once, and a client erased meanwhile
    /// gets nothing saved. Null when saved; otherwise the answer to give (nothing was saved).
    /// </summary>
    private async Task<CheckInOutcome?> SaveAsync(AppDbContext db, CheckIn checkIn, List<CheckInPhoto> rows, string clientName, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var held = await db.Clients.IgnoreQueryFilters()
            .Where(c => c.Id == checkIn.ClientId && c.ClinicId == checkIn.ClinicId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version), cancellationToken);
        if (held == 0)
        {
            return CheckInOutcome.Refused(CheckInOutcome.General, "This link no longer works. Please ask the clinic for a new one.");
        }

        if (await SavedAsync(db, checkIn.Id, cancellationToken) is { } twin && twin.ClientId == checkIn.ClientId)
        {
            return new CheckInOutcome(twin, new Dictionary<string, string>(), Repeated: true);
        }

        if (await SentInTheLastHourAsync(db, checkIn.ClientId, now, cancellationToken) >= Limit)
        {
            return CheckInOutcome.Refused(CheckInOutcome.General, CheckInOutcome.TooMany);
        }

        if (await NoRoomAsync(db, checkIn.ClientId, rows.Sum(r => r.StoredBytes), cancellationToken) is { } full)
        {
            return full;
        }

        db.CheckIns.Add(checkIn);
        db.CheckInPhotos.AddRange(rows);
        if (checkIn.IsWarning)
        {
            db.AuditEntries.Add(CheckInAlerts.Raised(checkIn, clientName));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Check-ins saved for the client in the hour before <paramref name="now"/>, from the database, so every app process
    /// counts the same. Per client rather than per link row: a client has one current link, and a replaced link does
    /// not start the count again.
    /// </summary>
    private static Task<int> SentInTheLastHourAsync(AppDbContext db, Guid clientId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now.UtcDateTime.AddHours(-1);
        return db.CheckIns.IgnoreQueryFilters().CountAsync(c => c.ClientId == clientId && c.SubmittedAtUtc > since, cancellationToken);
    }

    /// <summary>The refusal when <paramref name="adding"/> more bytes would take the client's photos past the cap; null when they fit.</summary>
    private async Task<CheckInOutcome?> NoRoomAsync(AppDbContext db, Guid clientId, long adding, CancellationToken cancellationToken)
    {
        if (adding == 0)
        {
            return null;
        }

        var stored = await db.CheckInPhotos.IgnoreQueryFilters().Where(p => p.ClientId == clientId).SumAsync(p => (long?)p.StoredBytes, cancellationToken) ?? 0;
        return stored + adding > options.Value.StorageCapPerClientBytes
            ? CheckInOutcome.Refused(CheckInOutcome.General,
                "There is no room for more photos from you. Send your check-in without photos, and the clinic will make room.")
            : null;
    }

    private static Task<CheckIn?> SavedAsync(AppDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.CheckIns.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    private void RemoveFiles(List<CheckInPhoto> rows)
    {
        foreach (var row in rows)
        {
            store.Delete(row.ClinicId, row.ClientId, row.Id);
        }
    }
}

internal static partial class CheckInLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Check-in {CheckInId} saved for clinic {ClinicId} (warning: {Warning}, photos: {Photos})")]
    public static partial void Saved(ILogger logger, Guid clinicId, Guid checkInId, bool warning, int photos);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The clinic's check-in alert email could not be sent (check-in {CheckInId})")]
    public static partial void AlertNotSent(ILogger logger, Exception exception, Guid checkInId);
}
