using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Infrastructure.Staff;

namespace SmpAftercare.Web.Features.ClientLink;

/// <summary>
/// Staff send a client their personal link by email or text message, through the same channels as the reminders
/// (mail server, SMS gateway, or the local outbox folder when neither is set up). Audited whether it went or not.
/// </summary>
public sealed class ClientLinkMessages(IEnumerable<IReminderChannel> channels)
{
    public sealed record Outcome(string To, string? Problem);

    /// <summary>Why the link cannot go out on this channel, in words for staff; null when it can.</summary>
    public static string? Problem(Client client, ContactChannel channel)
    {
        ArgumentNullException.ThrowIfNull(client);
        return channel switch
        {
            _ when client.IsArchived => "The client is archived.",
            ContactChannel.Email when client.Email is null => "No email address on file.",
            ContactChannel.Email when !client.EmailConsent => "The client has not agreed to emails.",
            ContactChannel.Sms when client.Phone is null => "No mobile number on file.",
            ContactChannel.Sms when !client.SmsConsent => "The client has not agreed to text messages.",
            ContactChannel.Email or ContactChannel.Sms => null,
            _ => "Choose email or text message.",
        };
    }

    /// <summary>Sends and saves the audit row; delivery problems come back as <see cref="Outcome.Problem"/>, never thrown.</summary>
    public async Task<Outcome> SendAsync(AppDbContext db, Client client, ContactChannel channel, string url, StaffMember staff, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(staff);
        if (Problem(client, channel) is { } problem)
        {
            return new Outcome(string.Empty, problem);
        }

        var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == client.ClinicId, cancellationToken);
        // The mail's unsubscribe header needs an opt-out address: the client's latest reminder's, which switches off
        // the same channel. A client with no reminder yet gets one that opens the "not found" page.
        var optOut = await db.Reminders.Where(r => r.ClientId == client.Id && r.Channel == channel)
            .OrderByDescending(r => r.CreatedAtUtc).Select(r => r.OptOutToken).FirstOrDefaultAsync(cancellationToken)
            ?? Domain.Reminders.Reminder.NewOptOutToken();
        var to = channel == ContactChannel.Email ? client.Email! : client.Phone!;
        var body = channel == ContactChannel.Email
            ? $"Hello {FirstName(client)},\n\nhere is your personal aftercare page from {clinic.Name}: what to do and avoid each day, and when each restriction ends.\n\n{url}\n\nKeep this link to yourself: anyone with it can see your aftercare dates."
            : $"{clinic.Name}: your aftercare day by day: {url}";
        var message = new OutgoingMessage(Guid.NewGuid(), to, $"Your aftercare page from {clinic.Name}", body, clinic.Name, clinic.ContactEmail, optOut, url);

        SendResult result;
        var sender = channels.Single(c => c.Channel == channel).StartBatch();
        await using (sender.ConfigureAwait(false))
        {
            result = await sender.SendAsync(message, cancellationToken);
        }

        var how = channel == ContactChannel.Email ? "email" : "text message";
        staff.Audit(db, ClientLinkAuditActions.Sent, client.Id, now.UtcDateTime,
            result.Outcome == SendOutcome.Sent ? $"By {how} to {to}" : $"By {how} to {to}: not sent ({result.Error})");
        await db.SaveChangesAsync(cancellationToken);
        return result.Outcome == SendOutcome.Sent
            ? new Outcome(to, null)
            : new Outcome(to, $"The {how} to {to} could not be sent: {result.Error}");
    }

    private static string FirstName(Client client) => client.FullName.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
}
