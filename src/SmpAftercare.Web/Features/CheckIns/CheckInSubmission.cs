using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.CheckIns;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.ClientLink;

namespace SmpAftercare.Web.Features.CheckIns;

/// <summary>One photo the client sent, as the form carried it.</summary>
public sealed record UploadedPhoto(PhotoAngle Angle, long Length, Func<Stream> Open);

/// <summary>The outcome: the saved check-in, or sentences saying what to change (nothing was saved then).</summary>
public sealed record CheckInOutcome(CheckIn? Saved, IReadOnlyDictionary<string, string> Problems)
{
    /// <summary>The key of a problem with the whole check-in rather than one field.</summary>
    public const string General = "";

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
    CheckInLinkLimiter limiter,
    IOptions<CheckInOptions> options,
    ILogger<CheckInSubmission> logger)
{
    /// <summary>The healing day a check-in made today counts from, or null before the first session.</summary>
    public static SessionDay? HealingDay(ResolvedLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return link.IsActive ? link.Timeline!.For(link.Today).Latest : null;
    }

    public async Task<CheckInOutcome> SubmitAsync(AppDbContext db, ResolvedLink link, IReadOnlyCollection<string> signCodes, string? note,
        IReadOnlyList<UploadedPhoto> photos, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(photos);
        if (HealingDay(link) is not { } day)
        {
            return CheckInOutcome.Refused(CheckInOutcome.General, "Check-ins start after your first session.");
        }

        CheckIn checkIn;
        try
        {
            checkIn = CheckIn.Submit(link.Clinic!.Id, link.Client!.Id, link.Today, day.Day, day.Session.Number, signCodes, note, now.UtcDateTime);
        }
        catch (DomainException e)
        {
            return CheckInOutcome.Refused(e.Message.StartsWith("Keep the note", StringComparison.Ordinal) ? "note" : "signs", e.Message);
        }

        if (!limiter.TryAcquire(link.Link!.Id))
        {
            return CheckInOutcome.Refused(CheckInOutcome.General,
                "You have sent several check-ins in the last hour. Please try again later, or call the clinic if something worries you.");
        }

        var settings = await Reminders.ReminderOutbox.CheckInSettingsAsync(db, checkIn.ClinicId, cancellationToken);
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

        var adding = processed.Sum(p => (long)p.Photo.Display.Length + (p.Photo.Original?.Length ?? 0));
        if (adding > 0)
        {
            var stored = await db.CheckInPhotos.IgnoreQueryFilters().Where(p => p.ClientId == checkIn.ClientId).SumAsync(p => (long?)p.StoredBytes, cancellationToken) ?? 0;
            if (stored + adding > options.Value.StorageCapPerClientBytes)
            {
                return CheckInOutcome.Refused(CheckInOutcome.General,
                    "There is no room for more photos from you. Send your check-in without photos, and the clinic will make room.");
            }
        }

        var rows = new List<CheckInPhoto>();
        try
        {
            foreach (var (angle, photo) in processed)
            {
                var id = Guid.NewGuid();
                await store.WriteAsync(checkIn.ClinicId, checkIn.ClientId, id, original: false, photo.Display, cancellationToken);
                if (photo.Original is { } original)
                {
                    await store.WriteAsync(checkIn.ClinicId, checkIn.ClientId, id, original: true, original, cancellationToken);
                }

                rows.Add(CheckInPhoto.Create(id, checkIn, angle, photo.Width, photo.Height,
                    photo.Display.Length + (photo.Original?.Length ?? 0), photo.Original is not null, now.UtcDateTime));
            }

            db.CheckIns.Add(checkIn);
            db.CheckInPhotos.AddRange(rows);
            if (checkIn.IsWarning)
            {
                db.AuditEntries.Add(CheckInAlerts.Raised(checkIn, link.Client!.FullName));
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // Files without rows would count against nobody's cap and be served to nobody: take them away again.
            foreach (var row in rows)
            {
                store.Delete(row.ClinicId, row.ClientId, row.Id);
            }

            throw;
        }

        if (checkIn.IsWarning)
        {
            alerts.Enqueue(link.Clinic!, link.Client!.FullName, checkIn);
        }

        CheckInLog.Saved(logger, checkIn.ClinicId, checkIn.Id, checkIn.IsWarning, rows.Count);
        return new CheckInOutcome(checkIn, new Dictionary<string, string>());
    }
}

/// <summary>Check-ins per personal link per hour, in this process (a second process has its own count: docs/deploy.md).</summary>
public sealed class CheckInLinkLimiter(IOptions<CheckInOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, Queue<DateTimeOffset>> _recent = new();

    public bool TryAcquire(Guid linkId)
    {
        var now = clock.GetUtcNow();
        var queue = _recent.GetOrAdd(linkId, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            while (queue.Count > 0 && queue.Peek() <= now.AddHours(-1))
            {
                queue.Dequeue();
            }

            if (queue.Count >= Math.Max(1, options.Value.CheckInsPerLinkPerHour))
            {
                return false;
            }

            queue.Enqueue(now);
            return true;
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
