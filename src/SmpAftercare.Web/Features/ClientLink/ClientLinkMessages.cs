using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Infrastructure.Staff;

namespace SmpAftercare.Web.Features.ClientLink;

/// <summary>
/// Staff send a client their personal link by email or text message, through the same channels as the reminders
/// (mail server, SMS gateway, or the local outbox folder when neither is set up). Audited whether it went or not.
/// </summary>
public sealed class ClientLinkMessages(IEnumerable<IReminderChannel> channels, PublicUrls urls)
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
        // The client's own opt-out address: it works whether or not a reminder was ever planned (decision 0019).
        var optOut = client.OptOutToken(channel);
        var to = channel == ContactChannel.Email ? client.Email! : client.Phone!;
        var body = channel == ContactChannel.Email
            ? $"Hello {FirstName(client)},\n\nhere is your personal aftercare page from {clinic.Name}: what to do and avoid each day, and when each restriction ends.\n\n{url}\n\nKeep this link to yourself: anyone with it can see your aftercare dates.\n\nStop emails from {clinic.Name}: {urls.OptOut(optOut)}"
            : $"{clinic.Name}: your aftercare day by day: {url} Stop SMS: {urls.OptOut(optOut)}";
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
