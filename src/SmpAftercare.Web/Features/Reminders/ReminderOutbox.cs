using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.CheckIns;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Reminders;

/// <summary>What a recompute changed in the unit of work (nothing is saved until the caller saves).</summary>
public sealed record RecomputeResult(int Added, int Updated, int Removed, int Skipped)
{
    public static RecomputeResult None { get; } = new(0, 0, 0, 0);

    public static RecomputeResult operator +(RecomputeResult a, RecomputeResult b) =>
        new(a.Added + b.Added, a.Updated + b.Updated, a.Removed + b.Removed, a.Skipped + b.Skipped);

    public RecomputeResult Add(RecomputeResult other) => this + other;
}

/// <summary>
/// Keeps a client's pending reminders equal to the domain plan. Call it inside the unit of work that changes
/// what the plan depends on (sessions, the planned next session, consent, address, archiving), before
/// SaveChanges: the reminders are then saved, or refused, together with their cause.
/// <code>
/// await Outbox.RecomputeAsync(Db, clinic, client.Id, Clock.GetUtcNow(), ct);
/// await Db.SaveChangesAsync(ct);
/// </code>
/// Pending rows are added, rewritten or removed; sent, failed, skipped (and in-flight) rows are history and stay.
/// It never calls SaveChanges. Works in a staff request and outside one (it scopes by the clinic itself).
/// </summary>
public sealed class ReminderOutbox(PublicUrls urls)
{
    public async Task<RecomputeResult> RecomputeAsync(AppDbContext db, Clinic clinic, Guid clientId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clinic);
        var nowUtc = now.UtcDateTime;

        // A client added in this unit of work is not in the database yet; queries only see stored rows.
        var client = db.ChangeTracker.Entries<Client>().FirstOrDefault(e => e.Entity.Id == clientId && e.Entity.ClinicId == clinic.Id)?.Entity
                     ?? await db.Clients.IgnoreQueryFilters().SingleOrDefaultAsync(c => c.Id == clientId && c.ClinicId == clinic.Id, cancellationToken);
        var existing = await RemindersAsOfThisUnitOfWorkAsync(db, clinic.Id, clientId, cancellationToken);
        var settings = await SettingsAsync(db, clinic.Id, cancellationToken);
        var window = Window(clinic);

        var plan = new List<PlannedReminder>();
        if (client is not null && db.Entry(client).State != EntityState.Deleted && !client.IsArchived)
        {
            var sessions = await SessionsAsOfThisUnitOfWorkAsync(db, clinic.Id, clientId, cancellationToken);
            var timeline = await TimelineLoader.BuildAsync(sessions, db.ProtocolVersions.IgnoreQueryFilters(), clinic,
                await TimelineLoader.AdjustmentsAsync(db, clinic.Id, clientId, cancellationToken), cancellationToken);
            var checkIns = await CheckInSettingsAsync(db, clinic.Id, cancellationToken);
            plan.AddRange(ReminderPlanner.Plan(timeline, client.PlannedNextSession, settings.EnabledMilestones,
                settings.NextSessionReminders, window, now, checkIns.Schedule));
        }

        var wanted = new Dictionary<(ContactChannel, ReminderKind, DateOnly), PlannedReminder>();
        foreach (var channel in Reachable(client))
        {
            foreach (var planned in plan)
            {
                wanted[(channel, planned.Kind, planned.AnnouncedDate)] = planned;
            }
        }

        int added = 0, updated = 0, removed = 0, skipped = 0;
        var byKey = existing.ToDictionary(r => (r.Channel, r.Kind, r.AnnouncedDate));
        foreach (var ((channel, _, _), planned) in wanted)
        {
            var key = (channel, planned.Kind, planned.AnnouncedDate);
            if (byKey.TryGetValue(key, out var row) && row.Status != ReminderStatus.Pending)
            {
                // Sent, failed, skipped or being sent: history (or in flight) is never rewritten or repeated.
                continue;
            }

            var token = row?.OptOutToken ?? OptOutTokens.New();
            var message = ReminderMessage.Compose(planned, settings.Templates,
                new MessageContext(client!.FullName, clinic.Name, clinic.ContactPhone, clinic.Culture, ReminderMessage.PersonalLinkSlot, urls.OptOut(token)), channel);
            if (row is null)
            {
                db.Reminders.Add(Reminder.Plan(clinic.Id, client.Id, channel, planned, message, token, nowUtc));
                added++;
            }
            else if (row.Replan(planned, message, nowUtc))
            {
                updated++;
            }
        }

        var today = window.Today(now);
        foreach (var row in existing.Where(r => r.Status == ReminderStatus.Pending && !wanted.ContainsKey((r.Channel, r.Kind, r.AnnouncedDate))))
        {
            if (row.SendByDate < today)
            {
                // Overdue and no longer plannable (the app was not sending): keep it visible, with the reason.
                row.Skip($"Not sent: {row.SendByDate:yyyy-MM-dd} had passed before it could go out.", nowUtc);
                skipped++;
            }
            else
            {
                db.Reminders.Remove(row);
                removed++;
            }
        }

        return new RecomputeResult(added, updated, removed, skipped);
    }

    /// <summary>
    /// Recomputes every client who may still have something to be reminded of: after the clinic changes its
    /// templates, milestones or sending window.
    /// </summary>
    public async Task<RecomputeResult> RecomputeClinicAsync(AppDbContext db, Clinic clinic, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clinic);
        var clientIds = await db.Clients.IgnoreQueryFilters()
            .Where(c => c.ClinicId == clinic.Id && c.ArchivedAtUtc == null
                        && (c.PlannedNextSession != null || db.Sessions.IgnoreQueryFilters().Any(s => s.ClientId == c.Id)))
            .Select(c => c.Id)
            .Union(db.Reminders.IgnoreQueryFilters().Where(r => r.ClinicId == clinic.Id && r.Status == ReminderStatus.Pending).Select(r => r.ClientId))
            .ToListAsync(cancellationToken);

        var total = RecomputeResult.None;
        foreach (var id in clientIds)
        {
            total += await RecomputeAsync(db, clinic, id, now, cancellationToken);
        }

        return total;
    }

    /// <summary>The clinic's saved settings, or the defaults (not added to the context).</summary>
    public static async Task<ClinicReminderSettings> SettingsAsync(AppDbContext db, Guid clinicId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ChangeTracker.Entries<ClinicReminderSettings>().FirstOrDefault(e => e.Entity.ClinicId == clinicId)?.Entity
               ?? await db.ReminderSettings.IgnoreQueryFilters().SingleOrDefaultAsync(s => s.ClinicId == clinicId, cancellationToken)
               ?? ClinicReminderSettings.Default(clinicId);
    }

    /// <summary>The clinic's check-in days as this unit of work leaves them (a settings change recomputes before it saves), or the defaults.</summary>
    public static async Task<ClinicCheckInSettings> CheckInSettingsAsync(AppDbContext db, Guid clinicId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ChangeTracker.Entries<ClinicCheckInSettings>().FirstOrDefault(e => e.Entity.ClinicId == clinicId)?.Entity
               ?? await db.CheckInSettings.IgnoreQueryFilters().SingleOrDefaultAsync(s => s.ClinicId == clinicId, cancellationToken)
               ?? ClinicCheckInSettings.Default(clinicId);
    }

    public static SendingWindow Window(Clinic clinic)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        return new SendingWindow(clinic.ReminderWindowStart, clinic.ReminderWindowEnd, clinic.TimeZone);
    }

    /// <summary>The channels a client can be reached on: consent plus an address (the domain keeps the two together).</summary>
    public static IReadOnlyList<ContactChannel> Reachable(Client? client)
    {
        if (client is null || client.IsArchived)
        {
            return [];
        }

        var channels = new List<ContactChannel>(2);
        if (client.EmailConsent && client.Email is not null)
        {
            channels.Add(ContactChannel.Email);
        }

        if (client.SmsConsent && client.Phone is not null)
        {
            channels.Add(ContactChannel.Sms);
        }

        return channels;
    }

    private static Task<List<Reminder>> RemindersAsOfThisUnitOfWorkAsync(AppDbContext db, Guid clinicId, Guid clientId, CancellationToken cancellationToken) =>
        AsOfThisUnitOfWorkAsync(db, db.Reminders.IgnoreQueryFilters().Where(r => r.ClinicId == clinicId && r.ClientId == clientId),
            r => r.ClinicId == clinicId && r.ClientId == clientId, r => r.Id, cancellationToken);

    /// <summary>The client's kept sessions; one waiting for review counts once this unit of work fixes it (its review is cleared in memory).</summary>
    private static async Task<List<TreatmentSession>> SessionsAsOfThisUnitOfWorkAsync(AppDbContext db, Guid clinicId, Guid clientId, CancellationToken cancellationToken) =>
        [.. (await AsOfThisUnitOfWorkAsync(db, db.Sessions.IgnoreQueryFilters().Where(s => s.ClinicId == clinicId && s.ClientId == clientId),
            s => s.ClinicId == clinicId && s.ClientId == clientId, s => s.Id, cancellationToken)).Where(s => s.Review == null)];

    /// <summary>
    /// The client's rows as they will be once the caller saves: stored rows minus those deleted in this unit of work,
    /// plus those added to it (tracked rows already carry their edits; a second recompute before saving sees the first).
    /// </summary>
    /// <param name="stored">The client's stored rows.</param>
    /// <param name="isTheClients">The same condition, for rows the change tracker holds.</param>
    private static async Task<List<T>> AsOfThisUnitOfWorkAsync<T>(AppDbContext db, IQueryable<T> stored, Func<T, bool> isTheClients,
        Func<T, Guid> id, CancellationToken cancellationToken)
        where T : class
    {
        var rows = await stored.ToListAsync(cancellationToken);
        var tracked = db.ChangeTracker.Entries<T>().Where(e => isTheClients(e.Entity)).ToList();
        var gone = tracked.Where(e => e.State is EntityState.Deleted or EntityState.Detached).Select(e => id(e.Entity)).ToHashSet();
        return rows.Where(r => !gone.Contains(id(r)))
            .Concat(tracked.Where(e => e.State == EntityState.Added).Select(e => e.Entity))
            .DistinctBy(id)
            .ToList();
    }
}
