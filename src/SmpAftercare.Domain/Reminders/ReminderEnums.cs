namespace SmpAftercare.Domain.Reminders;

public enum ReminderKind
{
    /// <summary>The morning a restriction lifts: everything that changes that day, in one message.</summary>
    Milestone,

    /// <summary>The day before a planned next session.</summary>
    NextSession,

    /// <summary>A check-in day the clinic chose: "how is it healing?", with the personal link.</summary>
    CheckIn,
}

/// <summary>
/// Where a reminder row is in the outbox. Pending rows are the plan (rewritten whenever the client's sessions
/// change); the others are history and are never rewritten.
/// </summary>
public enum ReminderStatus
{
    Pending,

    /// <summary>Claimed by the dispatcher and being handed to the mail server or SMS gateway right now.</summary>
    Sending,

    Sent,
    Failed,
    Skipped,
}
