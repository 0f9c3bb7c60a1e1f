using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Reminders;

/// <summary>
/// The opt-out link from a reminder. Opening it (GET, the page) changes nothing: mail scanners and link previews
/// open links too. Switching off is a POST, from the page's button or from a mail client's one-click unsubscribe
/// (RFC 8058: body "List-Unsubscribe=One-Click", no cookie, no antiforgery token). The token in the address is
/// the proof, so a forged cross-site POST would need the secret it is trying to use.
/// </summary>
public static class OptOutEndpoints
{
    public const string PathPrefix = "/stop";

    private const string OneClickField = "List-Unsubscribe";

    public static void MapOptOut(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var pattern in new[] { PathPrefix + "/{token}", PathPrefix + "/{token}/one-click" })
        {
            // Order -1: ahead of the page's own endpoint, which would want a Blazor form post.
            app.MapPost(pattern, PostAsync).AllowAnonymous().DisableAntiforgery()
                .RequireRateLimiting(ClientLink.ClientLinkSetup.RateLimitPolicy).WithOrder(-1);
            // Any other method: 404 for a token that does not exist, so no method tells which tokens do.
            app.Map(pattern, OtherMethodAsync).AllowAnonymous().DisableAntiforgery()
                .RequireRateLimiting(ClientLink.ClientLinkSetup.RateLimitPolicy).WithOrder(1);
        }

        app.MapGet(PathPrefix + "/{token}/one-click", OpenOneClickAsync).AllowAnonymous()
            .RequireRateLimiting(ClientLink.ClientLinkSetup.RateLimitPolicy);
    }

    private static async Task<IResult> PostAsync(string token, HttpRequest request, AppDbContext db, ReminderOutbox outbox, TimeProvider clock, CancellationToken cancellationToken)
    {
        var oneClick = request.HasFormContentType
            && string.Equals((await request.ReadFormAsync(cancellationToken))[OneClickField], "One-Click", StringComparison.OrdinalIgnoreCase);
        var result = await OptOut.ApplyAsync(db, outbox, token, clock.GetUtcNow(), cancellationToken);
        if (result is null)
        {
            return Unknown();
        }

        // The mail client shows nothing to anyone; the page's visitor is sent back to the page, which now says it is done.
        return oneClick
            ? Results.Text($"{ChannelName(result.Value.Channel)} reminders from {result.Value.ClinicName} are switched off.")
            : new SeeOther($"{PathPrefix}/{Uri.EscapeDataString(token)}");
    }

    private static async Task<IResult> OpenOneClickAsync(string token, AppDbContext db, CancellationToken cancellationToken) =>
        await OptOut.FindAsync(db, token, cancellationToken) is null ? Unknown() : new SeeOther($"{PathPrefix}/{Uri.EscapeDataString(token)}");

    private static async Task<IResult> OtherMethodAsync(string token, HttpContext context, AppDbContext db, CancellationToken cancellationToken)
    {
        if (await OptOut.FindAsync(db, token, cancellationToken) is null)
        {
            return Unknown();
        }

        context.Response.Headers.Allow = "GET, HEAD, POST";
        return Results.Text("Open this link in a browser.", statusCode: StatusCodes.Status405MethodNotAllowed);
    }

    private static IResult Unknown() =>
        Results.Text("This link does not work. Reminders you still get have a link that does.", statusCode: StatusCodes.Status404NotFound);

    public static string ChannelName(ContactChannel channel) => channel == ContactChannel.Sms ? "SMS" : "Email";

    /// <summary>303: the browser follows a POST's answer with a GET of the page.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}

/// <summary>What an opt-out link is about: whose reminders, which channel, and whether they are still on.</summary>
public sealed record OptOutLink(string ClinicName, ContactChannel Channel, bool IsOn);

/// <summary>Switching a channel off from a message's link: no sign-in, the token in the link is the proof.</summary>
public static class OptOut
{
    /// <summary>Reads only: the page a link opens.</summary>
    public static async Task<OptOutLink?> FindAsync(AppDbContext db, string token, CancellationToken cancellationToken)
    {
        var found = await LoadAsync(db, token, cancellationToken);
        return found is not { } f ? null : new OptOutLink(f.Clinic.Name, f.Channel, IsOn(f.Client, f.Channel));
    }

    /// <returns>The clinic's name and the channel switched off, or null for an unknown token.</returns>
    public static async Task<(string ClinicName, ContactChannel Channel)?> ApplyAsync(AppDbContext db, ReminderOutbox outbox, string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        if (await LoadAsync(db, token, cancellationToken) is not { } found)
        {
            return null;
        }

        var (channel, clinic, client) = found;

        if (IsOn(client, channel))
        {
            client.OptOut(channel);
            await outbox.RecomputeAsync(db, clinic, client.Id, now, cancellationToken);
            db.AuditEntries.Add(AuditEntry.Record(clinic.Id, "client", $"{client.FullName} (opt-out link)", ReminderAuditActions.OptedOut, client.Id,
                $"{ReminderAuditText.ChannelName(channel)} reminders switched off from a link in a message.", now.UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
        }

        return (clinic.Name, channel);
    }

    private static bool IsOn(Client client, ContactChannel channel) => channel == ContactChannel.Email ? client.EmailConsent : client.SmsConsent;

    /// <summary>
    /// A token is the client's own opt-out address for a channel (what every message carries since decision 0019),
    /// or, for messages already sent before it, the address stored with one reminder.
    /// </summary>
    private static async Task<(ContactChannel Channel, Domain.Clinics.Clinic Clinic, Client Client)?> LoadAsync(AppDbContext db, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrWhiteSpace(token) || token.Length > OptOutTokens.MaxLength)
        {
            return null;
        }

        var client = await db.Clients.IgnoreQueryFilters().SingleOrDefaultAsync(c => c.EmailOptOutToken == token || c.SmsOptOutToken == token, cancellationToken);
        var channel = client?.OptOutChannel(token) ?? ContactChannel.None;
        if (client is null)
        {
            var reminder = await db.Reminders.IgnoreQueryFilters().AsNoTracking().Where(r => r.OptOutToken == token)
                .Select(r => new { r.ClinicId, r.ClientId, r.Channel }).SingleOrDefaultAsync(cancellationToken);
            if (reminder is null)
            {
                return null;
            }

            client = await db.Clients.IgnoreQueryFilters().SingleOrDefaultAsync(c => c.Id == reminder.ClientId && c.ClinicId == reminder.ClinicId, cancellationToken);
            channel = reminder.Channel;
        }

        if (client is null || channel == ContactChannel.None)
        {
            return null;
        }

        var clinic = await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == client.ClinicId, cancellationToken);
        return (channel, clinic, client);
    }
}

public static class ReminderAuditActions
{
    public const string OptedOut = "reminders.opted-out";
    public const string SentAgain = "reminder.sent-again";
    public const string SettingsChanged = "reminders.settings-changed";
}
