using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Reminders;

/// <summary>The one-click opt-out for mail clients (List-Unsubscribe-Post); the link in the text opens the page instead.</summary>
public static class OptOutEndpoint
{
    public static async Task<IResult> OneClickAsync(string token, AppDbContext db, ReminderOutbox outbox, TimeProvider clock, CancellationToken cancellationToken)
    {
        var result = await OptOut.ApplyAsync(db, outbox, token, clock.GetUtcNow(), cancellationToken);
        return result is null ? Results.NotFound() : Results.Text($"{result.Value.Channel} reminders from {result.Value.ClinicName} are switched off.");
    }
}

/// <summary>Switching a channel off from a message's link: no sign-in, the token in the link is the proof.</summary>
public static class OptOut
{
    /// <returns>The clinic's name and the channel switched off, or null for an unknown token.</returns>
    public static async Task<(string ClinicName, ContactChannel Channel)?> ApplyAsync(AppDbContext db, ReminderOutbox outbox, string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(outbox);
        if (string.IsNullOrWhiteSpace(token) || token.Length > 32)
        {
            return null;
        }

        var reminder = await db.Reminders.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(r => r.OptOutToken == token, cancellationToken);
        if (reminder is null)
        {
            return null;
        }

        var clinic = await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == reminder.ClinicId, cancellationToken);
        var client = await db.Clients.IgnoreQueryFilters().SingleOrDefaultAsync(c => c.Id == reminder.ClientId && c.ClinicId == clinic.Id, cancellationToken);
        if (client is null)
        {
            return null;
        }

        var wasOn = reminder.Channel == ContactChannel.Email ? client.EmailConsent : client.SmsConsent;
        if (wasOn)
        {
            client.OptOut(reminder.Channel);
            await outbox.RecomputeAsync(db, clinic, client.Id, now, cancellationToken);
            db.AuditEntries.Add(AuditEntry.Record(clinic.Id, "client", $"{client.FullName} (opt-out link)", ReminderAuditActions.OptedOut, client.Id,
                $"{reminder.Channel} reminders switched off from a message link.", now.UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
        }

        return (clinic.Name, reminder.Channel);
    }
}

public static class ReminderAuditActions
{
    public const string OptedOut = "reminders.opted-out";
    public const string SentAgain = "reminder.sent-again";
    public const string SettingsChanged = "reminders.settings-changed";
}
