using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;

namespace SmpAftercare.Domain.Reminders;

/// <summary>
/// One message to one client on one channel: a row of the outbox. It is written in the same transaction as
/// the change that causes it, so a reminder exists exactly when its cause was saved. A client, channel, kind
/// and announced day make one reminder (the dedupe key), so replanning finds and rewrites the same row.
/// </summary>
public sealed class Reminder
{
    public const int MaxErrorLength = 1000;

    private Reminder()
    {
        Body = OptOutToken = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ClinicId { get; private set; }

    public Guid ClientId { get; private set; }

    public ContactChannel Channel { get; private set; }

    public ReminderKind Kind { get; private set; }

    /// <summary>The day the message is about (a milestone day or the planned session's date).</summary>
    public DateOnly AnnouncedDate { get; private set; }

    /// <summary>The last local date on which the message still makes sense.</summary>
    public DateOnly SendByDate { get; private set; }

    public DateTime DueAtUtc { get; private set; }

    public ReminderStatus Status { get; private set; }

    /// <summary>Hand-overs started (counted when claimed, so a message that kills the process cannot loop forever).</summary>
    public int Attempts { get; private set; }

    /// <summary>Not before this instant (a retry's backoff, or the next opening of the sending window).</summary>
    public DateTime? NextAttemptAtUtc { get; private set; }

    public DateTime? LastAttemptAtUtc { get; private set; }

    /// <summary>Why the last attempt failed, or why the reminder was skipped.</summary>
    public string? LastError { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    /// <summary>The address it went to (kept as history: the client's address may change later).</summary>
    public string? Recipient { get; private set; }

    /// <summary>Email subject; null for SMS.</summary>
    public string? Subject { get; private set; }

    public string Body { get; private set; }

    /// <summary>Random, unguessable: the one-click opt-out link in this message carries it instead of a sign-in.</summary>
    public string OptOutToken { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? UpdatedAtUtc { get; private set; }

    public bool IsHistory => Status is ReminderStatus.Sent or ReminderStatus.Failed or ReminderStatus.Skipped;

    public static Reminder Plan(Guid clinicId, Guid clientId, ContactChannel channel, PlannedReminder planned, ComposedMessage message, string optOutToken, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(message);
        if (clinicId == Guid.Empty || clientId == Guid.Empty)
        {
            throw new DomainException("A reminder belongs to a clinic's client.");
        }

        if (channel is not (ContactChannel.Email or ContactChannel.Sms))
        {
            throw new DomainException("A reminder goes out by email or SMS.");
        }

        if (string.IsNullOrWhiteSpace(optOutToken) || optOutToken.Length < 16)
        {
            throw new DomainException("A reminder needs an unguessable opt-out token.");
        }

        var reminder = new Reminder
        {
            Id = Guid.NewGuid(),
            ClinicId = clinicId,
            ClientId = clientId,
            Channel = channel,
            Kind = planned.Kind,
            AnnouncedDate = planned.AnnouncedDate,
            Status = ReminderStatus.Pending,
            OptOutToken = optOutToken,
            CreatedAtUtc = nowUtc,
        };
        reminder.Apply(planned, message);
        return reminder;
    }

    /// <summary>Rewrites a pending reminder from a new plan for the same day. History is never rewritten.</summary>
    public bool Replan(PlannedReminder planned, ComposedMessage message, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(message);
        RequireStatus(ReminderStatus.Pending, "replanned");
        if (planned.Key != (Kind, AnnouncedDate))
        {
            throw new DomainException("A reminder is replanned only for the same kind and day.");
        }

        var due = planned.DueAt.UtcDateTime;
        if (due == DueAtUtc && planned.SendByDate == SendByDate && message.Subject == Subject && message.Body == Body)
        {
            return false;
        }

        Apply(planned, message);
        if (Attempts == 0)
        {
            // A wait for the old sending window; a retry's backoff (attempts made) is kept.
            NextAttemptAtUtc = null;
        }

        UpdatedAtUtc = nowUtc;
        return true;
    }

    /// <summary>
    /// Takes a pending reminder for sending. The dispatcher does the same with one conditional UPDATE
    /// (status Pending to Sending, attempts + 1) committed before it sends, so two dispatchers can never both win.
    /// </summary>
    public void Claim(DateTime nowUtc)
    {
        RequireStatus(ReminderStatus.Pending, "claimed");
        Status = ReminderStatus.Sending;
        Attempts++;
        LastAttemptAtUtc = nowUtc;
    }

    /// <summary>The hand-over succeeded: the message is the mail server's or gateway's now.</summary>
    public void MarkSent(string recipient, DateTime nowUtc)
    {
        RequireStatus(ReminderStatus.Sending, "marked sent");
        Status = ReminderStatus.Sent;
        Recipient = recipient;
        SentAtUtc = nowUtc;
        NextAttemptAtUtc = null;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>A transient failure: try again later, or give up once the attempts are used.</summary>
    public void RecordTransientFailure(string error, string recipient, RetryPolicy policy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(policy);
        RequireStatus(ReminderStatus.Sending, "retried");
        Recipient = recipient;
        LastError = Trim($"Attempt {Attempts}: {error}");
        UpdatedAtUtc = nowUtc;
        if (Attempts >= policy.MaxAttempts)
        {
            Status = ReminderStatus.Failed;
            LastError = Trim($"Gave up after {Attempts} attempts. Last: {error}");
            NextAttemptAtUtc = null;
            return;
        }

        Status = ReminderStatus.Pending;
        NextAttemptAtUtc = nowUtc + policy.DelayAfter(Attempts);
    }

    /// <summary>A permanent failure (the address is refused or invalid): retrying cannot help.</summary>
    public void RecordPermanentFailure(string error, string? recipient, DateTime nowUtc)
    {
        RequireStatus(ReminderStatus.Sending, "failed");
        Status = ReminderStatus.Failed;
        Recipient = recipient;
        LastError = Trim(error);
        NextAttemptAtUtc = null;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>Will not be sent, for a reason staff can read (never dropped silently).</summary>
    public void Skip(string reason, DateTime nowUtc)
    {
        RequireStatus(ReminderStatus.Pending, "skipped");
        Status = ReminderStatus.Skipped;
        LastError = Trim(reason);
        NextAttemptAtUtc = null;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>Due, but it may not go out yet (quiet hours): wait for the window to open.</summary>
    public void WaitUntil(DateTime untilUtc, DateTime nowUtc)
    {
        RequireStatus(ReminderStatus.Pending, "postponed");
        NextAttemptAtUtc = untilUtc;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>
    /// The process stopped between claiming and recording the outcome, so nobody knows whether the mail server
    /// got the message. It goes out again: the only way a client can receive a reminder twice.
    /// </summary>
    public void RecoverInterrupted(DateTime nowUtc)
    {
        RequireStatus(ReminderStatus.Sending, "recovered");
        Status = ReminderStatus.Pending;
        LastError = Trim($"Attempt {Attempts} was interrupted (the app stopped while sending); sent again, so the client may get it twice.");
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>Staff asked to try a failed reminder again (after fixing the address, say).</summary>
    public void SendAgain(DateTime nowUtc)
    {
        RequireStatus(ReminderStatus.Failed, "sent again");
        Status = ReminderStatus.Pending;
        Attempts = 0;
        NextAttemptAtUtc = null;
        UpdatedAtUtc = nowUtc;
    }

    private void Apply(PlannedReminder planned, ComposedMessage message)
    {
        if (string.IsNullOrWhiteSpace(message.Body))
        {
            throw new DomainException("A reminder needs a message.");
        }

        if ((Channel == ContactChannel.Email) != (message.Subject is not null))
        {
            throw new DomainException("An email has a subject; an SMS has none.");
        }

        SendByDate = planned.SendByDate;
        DueAtUtc = planned.DueAt.UtcDateTime;
        Subject = message.Subject;
        Body = message.Body;
    }

    private void RequireStatus(ReminderStatus expected, string action)
    {
        if (Status != expected)
        {
            throw new DomainException($"A {Status.ToString().ToLowerInvariant()} reminder cannot be {action}.");
        }
    }

    private static string Trim(string text) => text.Length <= MaxErrorLength ? text : text[..(MaxErrorLength - 1)] + "…";
}

/// <summary>How often and how patiently transient failures are retried: the delay doubles each time.</summary>
public sealed class RetryPolicy
{
    public RetryPolicy(int maxAttempts, TimeSpan firstDelay)
    {
        if (maxAttempts is < 1 or > 50)
        {
            throw new DomainException("A reminder is tried between 1 and 50 times.");
        }

        if (firstDelay <= TimeSpan.Zero)
        {
            throw new DomainException("The first retry needs a delay.");
        }

        MaxAttempts = maxAttempts;
        FirstDelay = firstDelay;
    }

    public static RetryPolicy Default { get; } = new(5, TimeSpan.FromMinutes(1));

    public int MaxAttempts { get; }

    public TimeSpan FirstDelay { get; }

    /// <summary>The wait after the given attempt failed: the first delay, then x2, x4 ... capped at 6 hours.</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 20));
        return TimeSpan.FromTicks((long)Math.Min(FirstDelay.Ticks * factor, TimeSpan.FromHours(6).Ticks));
    }
}
