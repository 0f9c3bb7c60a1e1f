using SmpAftercare.Domain.Clients;

namespace SmpAftercare.Domain.Reminders;

public enum DispatchAction
{
    Send,
    Wait,
    Skip,
}

/// <summary>What to do with a due reminder now: send it to an address, wait for the window, or skip it (with why).</summary>
public sealed record DispatchDecision(DispatchAction Action, string? Address = null, DateTimeOffset? WaitUntil = null, string? Reason = null)
{
    /// <summary>
    /// Decided at send time from the client as they are now, so an opt-out or a removed address stops a
    /// message even if the plan was not rewritten.
    /// </summary>
    public static DispatchDecision For(Reminder reminder, Client? client, SendingWindow window, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        ArgumentNullException.ThrowIfNull(window);

        var today = window.Today(now);
        if (today > reminder.SendByDate)
        {
            return Skip($"Not sent: {reminder.SendByDate:yyyy-MM-dd} had passed before it could go out (the app was not sending).");
        }

        if (client is null)
        {
            return Skip("Not sent: the client no longer exists.");
        }

        if (client.IsArchived)
        {
            return Skip("Not sent: the client is archived.");
        }

        var (consent, address, name) = reminder.Channel switch
        {
            ContactChannel.Email => (client.EmailConsent, client.Email, "email"),
            ContactChannel.Sms => (client.SmsConsent, client.Phone, "SMS"),
            _ => (false, null, reminder.Channel.ToString()),
        };
        if (address is null)
        {
            return Skip($"Not sent: the client has no {(reminder.Channel == ContactChannel.Sms ? "mobile number" : "email address")}.");
        }

        if (!consent)
        {
            return Skip($"Not sent: the client has not agreed to {name} reminders (or opted out).");
        }

        if (!window.IsOpen(now))
        {
            var opens = window.NextOpening(now);
            if (window.Today(opens) > reminder.SendByDate)
            {
                return Skip($"Not sent: the sending window ({window.Start:HH\\:mm}-{window.End:HH\\:mm}) did not open again before {reminder.SendByDate:yyyy-MM-dd} had passed.");
            }

            return new DispatchDecision(DispatchAction.Wait, WaitUntil: opens);
        }

        return new DispatchDecision(DispatchAction.Send, Address: address);
    }

    private static DispatchDecision Skip(string reason) => new(DispatchAction.Skip, Reason: reason);
}
