using System.Threading.Channels;
using SmpAftercare.Domain.CheckIns;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Web.Features.Account;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.CheckIns;

/// <summary>
/// The email to the clinic's address when a check-in has a warning sign. It goes out after the client's page has
/// answered (a mail server's delay or failure is not the client's problem). The alert itself is the saved
/// check-in, shown on the dashboard until marked seen; the email is the nudge to look
/// (docs/decisions/0013-check-ins-and-photos.md).
/// </summary>
public sealed class CheckInAlertMails(IAccountEmailSender sender, PublicUrls urls, ILogger<CheckInAlertMails> logger) : BackgroundService
{
    private readonly Channel<(string To, string Subject, string Body, Guid CheckInId)> _queue =
        Channel.CreateBounded<(string, string, string, Guid)>(new BoundedChannelOptions(500) { FullMode = BoundedChannelFullMode.DropOldest });

    public static (string Subject, string Body) Compose(Clinic clinic, string clientName, CheckIn checkIn, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(checkIn);
        var warnings = checkIn.Answers.Where(a => a.Verdict == SignVerdict.Warning).Select(a => a.Sign.Label);
        var body = $"""
            {clientName} checked in on day {checkIn.HealingDay} after session {checkIn.SessionNumber} with a warning sign:
            {string.Join("\n", warnings.Select(w => "- " + w))}
            {(checkIn.Note is { } note ? $"\nTheir note: \"{note}\"\n" : "")}
            They were told to stop every product and call you. Please get in touch, then mark the alert seen:
            {baseUrl}/clients/{checkIn.ClientId}
            """;
        return ($"Warning sign at a check-in: {clientName}", body);
    }

    public void Enqueue(Clinic clinic, string clientName, CheckIn checkIn)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        if (clinic.ContactEmail is not { Length: > 0 } to || !sender.IsConfigured)
        {
            return;
        }

        var (subject, body) = Compose(clinic, clientName, checkIn, urls.BaseUrl);
        _queue.Writer.TryWrite((to, subject, body, checkIn.Id));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (to, subject, body, id) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await sender.SendAsync(to, subject, body, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                CheckInLog.AlertNotSent(logger, e, id);
            }
        }
    }
}
