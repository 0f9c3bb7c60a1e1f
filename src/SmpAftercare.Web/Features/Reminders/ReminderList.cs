using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Reminders;

/// <summary>The tabs of the reminders page; the keys are what the address bar carries (?status=failed).</summary>
public static class ReminderTabs
{
    public static readonly IReadOnlyList<(string Key, string Label)> All =
        [("upcoming", "Upcoming"), ("sent", "Sent"), ("failed", "Failed"), ("skipped", "Could not be sent"), ("all", "All")];

    public static string Read(string? key) => All.Any(t => t.Key == key) ? key! : "upcoming";
}

/// <summary>The kinds of reminder as staff read them; the keys are what the address bar carries (?kind=check-in).</summary>
public static class ReminderKinds
{
    public static readonly IReadOnlyList<(ReminderKind Kind, string Key, string Name)> All =
        [(ReminderKind.Milestone, "milestone", "Milestone"), (ReminderKind.NextSession, "next-session", "Next session"), (ReminderKind.CheckIn, "check-in", "Check-in")];

    public static IEnumerable<(string Key, string Label)> Choices => All.Select(k => (k.Key, k.Key));

    public static string Name(ReminderKind kind) => All.Single(k => k.Kind == kind).Name;

    public static ReminderKind? FromKey(string? key) => All.Where(k => k.Key == key).Select(k => (ReminderKind?)k.Kind).FirstOrDefault();
}

/// <summary>What the reminders page asks for. Status, channel and kind fall back to "all" when unknown.</summary>
public sealed record ReminderFilter(string Status = "upcoming", string? Channel = null, string? Kind = null, string? Text = null, Guid? ClientId = null)
{
    public ReminderFilter Normalised() => this with
    {
        Status = ReminderTabs.Read(Status),
        Channel = Channel is "email" or "sms" ? Channel : null,
        Kind = ReminderKinds.FromKey(Kind) is null ? null : Kind,
        Text = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim()[..Math.Min(Text.Trim().Length, 200)],
    };
}

public sealed record ReminderRow(Guid Id, Guid ClientId, string ClientName, ContactChannel Channel, ReminderKind Kind, DateOnly AnnouncedDate,
    DateOnly SendByDate, DateTime DueAtUtc, DateTime? NextAttemptAtUtc, DateTime? SentAtUtc, ReminderStatus Status, int Attempts, string? LastError)
{
    public string ChannelName => Channel == ContactChannel.Sms ? "Text message" : "Email";

    public string KindName => ReminderKinds.Name(Kind);

    /// <summary>When it went out, or when it will next be tried.</summary>
    public DateTime When => SentAtUtc ?? NextAttemptAtUtc ?? DueAtUtc;
}

public sealed record UnreachableClient(Guid Id, string FullName, string Reason);

/// <summary>The clinic's reminder outbox, filtered, counted per tab and paged on the server.</summary>
public static class ReminderList
{
    public const int PageSize = 50;

    /// <summary>The count behind each tab for the other filters (channel, kind, name, client).</summary>
    public static async Task<Dictionary<string, int>> CountsAsync(AppDbContext db, ReminderFilter filter, CancellationToken cancellationToken = default)
    {
        var byStatus = await Filtered(db, filter.Normalised()).GroupBy(x => x.Reminder.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(params ReminderStatus[] statuses) => byStatus.Where(s => statuses.Contains(s.Key)).Sum(s => s.Count);
        return new()
        {
            ["upcoming"] = Count(ReminderStatus.Pending, ReminderStatus.Sending),
            ["sent"] = Count(ReminderStatus.Sent),
            ["failed"] = Count(ReminderStatus.Failed),
            ["skipped"] = Count(ReminderStatus.Skipped),
            ["all"] = byStatus.Sum(s => s.Count),
        };
    }

    /// <summary>One page (zero-based); a page past the end gives the last page, and says which page that is.</summary>
    public static async Task<(IReadOnlyList<ReminderRow> Rows, int Total, int Page)> PageAsync(AppDbContext db, ReminderFilter filter, int page, int pageSize = PageSize,
        CancellationToken cancellationToken = default)
    {
        filter = filter.Normalised();
        pageSize = pageSize is < 1 or > 100 ? PageSize : pageSize;
        var query = Filtered(db, filter);
        query = filter.Status switch
        {
            "upcoming" => query.Where(x => x.Reminder.Status == ReminderStatus.Pending || x.Reminder.Status == ReminderStatus.Sending),
            "sent" => query.Where(x => x.Reminder.Status == ReminderStatus.Sent),
            "failed" => query.Where(x => x.Reminder.Status == ReminderStatus.Failed),
            "skipped" => query.Where(x => x.Reminder.Status == ReminderStatus.Skipped),
            _ => query,
        };
        var total = await query.CountAsync(cancellationToken);
        page = Math.Clamp(page, 0, Math.Max(0, (total - 1) / pageSize));
        var ordered = filter.Status switch
        {
            "upcoming" => query.OrderBy(x => x.Reminder.DueAtUtc).ThenBy(x => x.FullName),
            "sent" => query.OrderByDescending(x => x.Reminder.SentAtUtc).ThenBy(x => x.FullName),
            _ => query.OrderByDescending(x => x.Reminder.DueAtUtc).ThenBy(x => x.FullName),
        };
        var rows = await ordered.ThenBy(x => x.Reminder.Id).Skip(page * pageSize).Take(pageSize)
            .Select(x => new ReminderRow(x.Reminder.Id, x.Reminder.ClientId, x.FullName, x.Reminder.Channel, x.Reminder.Kind, x.Reminder.AnnouncedDate,
                x.Reminder.SendByDate, x.Reminder.DueAtUtc, x.Reminder.NextAttemptAtUtc, x.Reminder.SentAtUtc, x.Reminder.Status, x.Reminder.Attempts, x.Reminder.LastError))
            .ToListAsync(cancellationToken);
        return (rows, total, page);
    }

    /// <summary>Clients who have something to be reminded of but no channel to hear it on: shown, never skipped silently.</summary>
    public static async Task<IReadOnlyList<UnreachableClient>> UnreachableAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        (await db.Clients.AsNoTracking()
                .Where(c => c.ArchivedAtUtc == null
                            && !(c.EmailConsent && c.Email != null) && !(c.SmsConsent && c.Phone != null)
                            && (c.PlannedNextSession != null || db.Sessions.Any(s => s.ClientId == c.Id)))
                .OrderBy(c => c.FullName)
                .Select(c => new { c.Id, c.FullName, c.Email, c.Phone })
                .ToListAsync(cancellationToken))
            .Select(c => new UnreachableClient(c.Id, c.FullName, c.Email is null && c.Phone is null ? "no email or phone" : "no consent"))
            .ToList();

    /// <summary>Puts a failed reminder back in the queue; a sentence when it cannot be. The reminder must be the actor's clinic's.</summary>
    public static async Task<string?> SendAgainAsync(AppDbContext db, Infrastructure.Staff.StaffMember actor, Guid id, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var reminder = await db.Reminders.IgnoreQueryFilters().SingleOrDefaultAsync(r => r.Id == id && r.ClinicId == actor.ClinicId, cancellationToken);
        if (reminder is null)
        {
            return "That reminder is no longer in the list.";
        }

        var clinic = await db.Clinics.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == actor.ClinicId, cancellationToken);
        try
        {
            reminder.SendAgain(nowUtc);
        }
        catch (Domain.Aftercare.DomainException e)
        {
            return e.Message;
        }

        actor.Audit(db, ReminderAuditActions.SentAgain, reminder.ClientId, nowUtc,
            ReminderAuditText.Describe(reminder.Channel, reminder.Kind, reminder.AnnouncedDate, new Infrastructure.ClinicFormat(clinic)));
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private static IQueryable<Joined> Filtered(AppDbContext db, ReminderFilter filter)
    {
        var query = from r in db.Reminders.AsNoTracking()
                    join c in db.Clients.AsNoTracking() on r.ClientId equals c.Id
                    select new Joined { Reminder = r, FullName = c.FullName };
        if (filter.ClientId is { } clientId)
        {
            query = query.Where(x => x.Reminder.ClientId == clientId);
        }

        if (filter.Text is { } text)
        {
            var like = $"%{text.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)}%";
            query = query.Where(x => EF.Functions.Like(x.FullName, like));
        }

        if (filter.Channel is not null)
        {
            var channel = filter.Channel == "sms" ? ContactChannel.Sms : ContactChannel.Email;
            query = query.Where(x => x.Reminder.Channel == channel);
        }

        if (ReminderKinds.FromKey(filter.Kind) is { } kind)
        {
            query = query.Where(x => x.Reminder.Kind == kind);
        }

        return query;
    }

    private sealed class Joined
    {
        public Reminder Reminder { get; init; } = default!;

        public string FullName { get; init; } = string.Empty;
    }
}

/// <summary>A reminder's state as staff read it.</summary>
public static class ReminderStatusText
{
    public static string Label(ReminderStatus status, int attempts) => status switch
    {
        ReminderStatus.Pending when attempts > 0 => $"trying again ({attempts} tried)",
        ReminderStatus.Pending => "upcoming",
        ReminderStatus.Sending => "sending",
        ReminderStatus.Sent => "sent",
        ReminderStatus.Failed => "failed",
        ReminderStatus.Skipped => "could not be sent",
        _ => "unknown",
    };

    /// <summary>The chip colour for a state: the same on the reminders list and the client page.</summary>
    public static MudBlazor.Color Color(ReminderStatus status, int attempts) => status switch
    {
        ReminderStatus.Sent => MudBlazor.Color.Success,
        ReminderStatus.Failed => MudBlazor.Color.Error,
        ReminderStatus.Skipped => MudBlazor.Color.Default,
        _ => attempts > 0 ? MudBlazor.Color.Warning : MudBlazor.Color.Info,
    };
}

/// <summary>Reminder changes as the activity log says them.</summary>
public static class ReminderAuditText
{
    public static string ChannelName(ContactChannel channel) => channel == ContactChannel.Sms ? "Text message" : "Email";

    public static string Describe(ContactChannel channel, ReminderKind kind, DateOnly announced, Infrastructure.ClinicFormat format) =>
        $"{ChannelName(channel)} reminder {(kind == ReminderKind.NextSession ? "before the session on" : "for")} {format.DayMonth(announced)}";
}
