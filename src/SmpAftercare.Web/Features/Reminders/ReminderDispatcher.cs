using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Reminders;

/// <summary>What one dispatch run did.</summary>
public sealed record DispatchReport(int Sent, int Retrying, int Failed, int Skipped, int Waiting, int TakenElsewhere, TimeSpan Elapsed)
{
    public int Handled => Sent + Retrying + Failed + Skipped + Waiting;
}

/// <summary>
/// Sends the reminders that are due. Per row: decide (domain), claim with a conditional UPDATE committed before
/// anything leaves the process, hand over, record the outcome. The outcome is saved in the same commit as the next
/// row's claim (or at the end of the run), so a message costs one commit and at most one row is ever in Sending.
/// The next row is read and decided while the previous message is still with the mail server (the reads need
/// nothing from its outcome); its claim waits for that outcome, so the one-row rule holds.
/// A crash before the claim loses nothing (the row is still pending); a crash after the outcome is saved repeats
/// nothing. Only a crash between the two leaves a row in Sending, which <see cref="RecoverInterruptedAsync"/>
/// puts back in the queue at the next
/// dispatch run (ReminderDispatchJob, under the installation-wide run lock).
/// </summary>
public sealed partial class ReminderDispatcher(
    AppDbContext db,
    IEnumerable<IReminderChannel> channels,
    TimeProvider clock,
    ClientLink.ClientLinks links,
    IOptions<ReminderOptions> options,
    ILogger<ReminderDispatcher> logger)
{
    private readonly Dictionary<ContactChannel, IReminderChannel> _channels = channels.ToDictionary(c => c.Channel);
    private readonly Dictionary<Guid, Clinic?> _clinics = [];
    private readonly RetryPolicy _retry = new(options.Value.MaxAttempts, TimeSpan.FromSeconds(options.Value.RetryDelaySeconds));
    private InFlight? _inFlight;

    public async Task<DispatchReport> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var tally = new Tally();
        await using var senders = new Senders(_channels);
        // Personal links are protected inside the claim's transaction (ClientLinks.EnsureKeyRing says why).
        links.EnsureKeyRing();
        try
        {
            await DispatchDueAsync(tally, senders, cancellationToken);
        }
        finally
        {
            await RecordInFlightAsync(tally);
            await FlushOutcomesAsync();
        }

        var report = tally.Report(Stopwatch.GetElapsedTime(started));
        if (report.Handled + report.TakenElsewhere > 0)
        {
            LogRun(report.Sent, report.Retrying, report.Failed, report.Skipped, report.Waiting, report.Elapsed.TotalMilliseconds);
        }

        return report;
    }

    private async Task DispatchDueAsync(Tally tally, Senders senders, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid>();
        var batchSize = Math.Max(1, options.Value.BatchSize);
        while (!cancellationToken.IsCancellationRequested)
        {
            await RecordInFlightAsync(tally);
            await FlushOutcomesAsync();
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.Reminders.IgnoreQueryFilters().AsNoTracking()
                .Where(r => r.Status == ReminderStatus.Pending && r.DueAtUtc <= now && (r.NextAttemptAtUtc == null || r.NextAttemptAtUtc <= now))
                .OrderBy(r => r.DueAtUtc).ThenBy(r => r.Id)
                .Select(r => r.Id)
                .Take(batchSize + seen.Count)
                .ToListAsync(cancellationToken);
            // A row handled in this run leaves the due set; one that did not (a failed save) is not retried in a loop.
            var fresh = due.Where(seen.Add).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            foreach (var id in fresh)
            {
                // Shutdown stops between messages, never in the middle of one.
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                await DispatchOneAsync(id, tally, senders);
            }
        }
    }

    /// <summary>
    /// Rows still in Sending were claimed by a run that died before recording the outcome (call it holding the
    /// run lock, so no living run owns them): nobody knows whether the message left, so they are sent again
    /// (at-least-once; the duplicates, if any, come from here and are logged and written on the row).
    /// </summary>
    public async Task<int> RecoverInterruptedAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var interrupted = await db.Reminders.IgnoreQueryFilters().Where(r => r.Status == ReminderStatus.Sending).ToListAsync(cancellationToken);
        foreach (var reminder in interrupted)
        {
            reminder.RecoverInterrupted(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (interrupted.Count > 0)
        {
            LogRecovered(interrupted.Count, string.Join(", ", interrupted.Select(r => r.Id)));
        }

        return interrupted.Count;
    }

    private async Task DispatchOneAsync(Guid id, Tally tally, Senders senders)
    {
        // None of this observes the shutdown token: once claimed, a row is always taken to a recorded outcome.
        // Outcomes of earlier rows may still wait in the unit of work: they are saved with this row's claim.
        var reminder = await db.Reminders.IgnoreQueryFilters().SingleOrDefaultAsync(r => r.Id == id);
        if (reminder is null || reminder.Status != ReminderStatus.Pending)
        {
            tally.TakenElsewhere++;
            return;
        }

        var clinic = await ClinicAsync(reminder.ClinicId);
        var client = await db.Clients.IgnoreQueryFilters().SingleOrDefaultAsync(c => c.Id == reminder.ClientId && c.ClinicId == reminder.ClinicId);
        var now = clock.GetUtcNow();
        if (clinic is null)
        {
            reminder.Skip("Not sent: the clinic no longer exists.", now.UtcDateTime);
            tally.Skipped++;
            return;
        }

        var decision = DispatchDecision.For(reminder, client, ReminderOutbox.Window(clinic), now);
        switch (decision.Action)
        {
            case DispatchAction.Skip:
                reminder.Skip(decision.Reason!, now.UtcDateTime);
                tally.Skipped++;
                return;
            case DispatchAction.Wait:
                reminder.WaitUntil(decision.WaitUntil!.Value.UtcDateTime, now.UtcDateTime);
                tally.Waiting++;
                return;
        }

        // One commit before the hand-over: the outcomes waiting so far, this row's claim and its personal link. A
        // crash after it leaves this row in Sending (sent again at start-up) and at worst an unused link, never a
        // message with a link that does not work; the claim is still committed before anything leaves the process.
        var body = reminder.Body;
        string? personalLink = null;
        await RecordInFlightAsync(tally);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await SaveOutcomesAsync();
            if (!await ClaimAsync(reminder.Id, now.UtcDateTime))
            {
                await transaction.CommitAsync();
                db.ChangeTracker.Clear();
                tally.TakenElsewhere++;
                return;
            }

            if (body.Contains(ReminderMessage.PersonalLinkSlot, StringComparison.Ordinal))
            {
                // The client's one current link, the same as on the printed sheet (made here if they have none yet).
                personalLink = (await links.CurrentAsync(db, client!, now.UtcDateTime, links.FromRequest())).Url!;
                body = body.Replace(ReminderMessage.PersonalLinkSlot, personalLink, StringComparison.Ordinal);
            }

            await transaction.CommitAsync();
        }

        // The claim's UPDATE, repeated in memory rather than read back, so the outcome is tracked against it.
        db.ChangeTracker.Clear();
        reminder.Claim(now.UtcDateTime);
        db.Reminders.Attach(reminder);

        var message = new OutgoingMessage(reminder.Id, decision.Address!, reminder.Subject, body, clinic.Name, clinic.ContactEmail, reminder.OptOutToken, personalLink);
        _inFlight = new InFlight(reminder, message, HandOverAsync(senders.For(reminder.Channel), message));
    }

    private static async Task<SendResult> HandOverAsync(IReminderSender sender, OutgoingMessage message)
    {
        try
        {
            return await sender.SendAsync(message, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A channel is meant to report, not throw; anything unexpected is treated as worth another try.
            return SendResult.Transient($"Unexpected error: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Waits for the message with the mail server and records its outcome in the unit of work (saved with the next commit).</summary>
    private async Task RecordInFlightAsync(Tally tally)
    {
        if (_inFlight is not { } inFlight)
        {
            return;
        }

        _inFlight = null;
        var (reminder, message, sending) = inFlight;
        // Still tracked as claimed: nothing clears the unit of work between a hand-over and this (the next row's
        // reads only add to it), so its outcome is saved with the next commit.
        var result = await sending;
        var after = clock.GetUtcNow().UtcDateTime;
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                reminder.MarkSent(message.To, after);
                tally.Sent++;
                break;
            case SendOutcome.Transient:
                reminder.RecordTransientFailure(result.Error!, message.To, _retry, after);
                if (reminder.Status == ReminderStatus.Failed)
                {
                    tally.Failed++;
                }
                else
                {
                    tally.Retrying++;
                }

                break;
            default:
                reminder.RecordPermanentFailure(result.Error!, message.To, after);
                tally.Failed++;
                break;
        }

        if (result.Outcome != SendOutcome.Sent)
        {
            LogNotSent(reminder.Id, reminder.Channel, reminder.Status, result.Error);
        }
    }

    /// <summary>Saves the outcomes waiting in the unit of work (before the next claim, a new page of rows, or the end of the run).</summary>
    private async Task FlushOutcomesAsync()
    {
        await SaveOutcomesAsync();
        db.ChangeTracker.Clear();
    }

    private async Task SaveOutcomesAsync()
    {
        while (true)
        {
            try
            {
                await db.SaveChangesAsync();
                return;
            }
            catch (DbUpdateConcurrencyException e)
            {
                // A row was removed meanwhile (its session was deleted): nothing left to record for it.
                foreach (var entry in e.Entries)
                {
                    if (entry.Entity is Reminder gone)
                    {
                        LogVanished(gone.Id);
                    }

                    entry.State = EntityState.Detached;
                }
            }
        }
    }

    /// <summary>
    /// Pending to Sending in one statement, committed on its own before the hand-over. Zero rows means somebody
    /// else (a recompute, staff, another run) changed the row first.
    /// </summary>
    private async Task<bool> ClaimAsync(Guid id, DateTime nowUtc)
    {
        var rows = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""UPDATE "Reminders" SET "Status" = 'Sending', "Attempts" = "Attempts" + 1, "LastAttemptAtUtc" = {nowUtc}, "UpdatedAtUtc" = {nowUtc} WHERE "Id" = {id} AND "Status" = 'Pending'""");
        return rows == 1;
    }

    private async Task<Clinic?> ClinicAsync(Guid clinicId)
    {
        if (!_clinics.TryGetValue(clinicId, out var clinic))
        {
            clinic = await db.Clinics.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(c => c.Id == clinicId);
            _clinics[clinicId] = clinic;
        }

        return clinic;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminders dispatched: {Sent} sent, {Retrying} to retry, {Failed} failed, {Skipped} skipped, {Waiting} waiting for the sending window ({Milliseconds:F0} ms)")]
    private partial void LogRun(int sent, int retrying, int failed, int skipped, int waiting, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} reminder(s) were being sent when the app stopped; they go out again and may reach the client twice: {Ids}")]
    private partial void LogRecovered(int count, string ids);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Id} ({Channel}) not sent, now {Status}: {Error}")]
    private partial void LogNotSent(Guid id, ContactChannel channel, ReminderStatus status, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Id} was removed while it was being dispatched; its outcome is not recorded")]
    private partial void LogVanished(Guid id);

    /// <summary>One sender per channel for the run, started when the channel is first needed, closed at the end.</summary>
    private sealed class Senders(Dictionary<ContactChannel, IReminderChannel> channels) : IAsyncDisposable
    {
        private readonly Dictionary<ContactChannel, IReminderSender> _started = [];

        public IReminderSender For(ContactChannel channel)
        {
            if (!_started.TryGetValue(channel, out var sender))
            {
                sender = channels[channel].StartBatch();
                _started[channel] = sender;
            }

            return sender;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var sender in _started.Values)
            {
                await sender.DisposeAsync();
            }
        }
    }

    private sealed record InFlight(Reminder Reminder, OutgoingMessage Message, Task<SendResult> Sending);

    private sealed class Tally
    {
        public int Sent { get; set; }

        public int Retrying { get; set; }

        public int Failed { get; set; }

        public int Skipped { get; set; }

        public int Waiting { get; set; }

        public int TakenElsewhere { get; set; }

        public DispatchReport Report(TimeSpan elapsed) => new(Sent, Retrying, Failed, Skipped, Waiting, TakenElsewhere, elapsed);
    }
}
