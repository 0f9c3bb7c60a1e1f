using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Mail;
using System.Net.Sockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Reminders;

public enum SendOutcome
{
    Sent,

    /// <summary>Worth trying again later: SMTP 4xx, timeouts, connection failures, HTTP 5xx/408/429.</summary>
    Transient,

    /// <summary>Retrying cannot help: SMTP 5xx, an invalid address, HTTP 4xx.</summary>
    Permanent,
}

public sealed record SendResult(SendOutcome Outcome, string? Error = null)
{
    public static SendResult Sent { get; } = new(SendOutcome.Sent);

    public static SendResult Transient(string error) => new(SendOutcome.Transient, error);

    public static SendResult Permanent(string error) => new(SendOutcome.Permanent, error);
}

/// <summary>One reminder, addressed, ready to hand over.</summary>
public sealed record OutgoingMessage(Guid ReminderId, string To, string? Subject, string Body, string ClinicName, string? ClinicEmail, string OptOutToken);

/// <summary>Hands a message to whatever delivers it (mail server, SMS gateway, or the local outbox folder).</summary>
public interface IReminderChannel
{
    ContactChannel Channel { get; }

    /// <summary>Never throws for delivery problems: they come back as a <see cref="SendResult"/>.</summary>
    Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>The local outbox folder: where messages go when nothing is configured, so the app runs with no setup.</summary>
public sealed class OutboxFolder(IOptions<ReminderOptions> options, IConfiguration configuration, IHostEnvironment environment)
{
    public string Path { get; } = Resolve(options.Value, configuration, environment);

    private static string Resolve(ReminderOptions options, IConfiguration configuration, IHostEnvironment environment)
    {
        var path = options.OutboxFolder is { Length: > 0 } configured
            ? System.IO.Path.GetFullPath(configured, environment.ContentRootPath)
            : System.IO.Path.Combine(Infrastructure.HostingSetup.DataDirectory(configuration, environment), "outbox");
        Directory.CreateDirectory(path);
        return path;
    }
}

/// <summary>Email over SMTP with System.Net.Mail (MailKit is not in the registry), or .eml files in the outbox folder.</summary>
public sealed class EmailChannel(IOptions<SmtpOptions> options, OutboxFolder outbox, PublicUrls urls) : IReminderChannel
{
    private readonly SmtpOptions _smtp = options.Value;

    public ContactChannel Channel => ContactChannel.Email;

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        MailMessage mail;
        try
        {
            mail = Build(message);
        }
        catch (FormatException e)
        {
            return SendResult.Permanent($"Invalid email address '{message.To}': {e.Message}");
        }

        using (mail)
        using (var client = CreateClient())
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, _smtp.TimeoutSeconds)));
            try
            {
                await client.SendMailAsync(mail, timeout.Token);
                return SendResult.Sent;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return SendResult.Transient($"The mail server did not answer within {_smtp.TimeoutSeconds} s.");
            }
            catch (SmtpException e)
            {
                return Classify(e);
            }
            catch (Exception e) when (e is IOException or SocketException or InvalidOperationException)
            {
                return SendResult.Transient($"Could not reach the mail server: {e.Message}");
            }
        }
    }

    /// <summary>SMTP reply classes (RFC 5321 4.2.1): 4yz is transient, 5yz permanent; no reply at all is a network problem.</summary>
    public static SendResult Classify(SmtpException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var code = e is SmtpFailedRecipientsException { InnerExceptions.Length: > 0 } many ? many.InnerExceptions[0].StatusCode : e.StatusCode;
        var text = $"SMTP {(int)code}: {e.Message}";
        return (int)code switch
        {
            >= 500 and < 600 => SendResult.Permanent(text),
            _ => SendResult.Transient(e.StatusCode == SmtpStatusCode.GeneralFailure ? $"Could not reach the mail server: {e.InnerException?.Message ?? e.Message}" : text),
        };
    }

    private MailMessage Build(OutgoingMessage message)
    {
        var mail = new MailMessage
        {
            From = new MailAddress(_smtp.From, message.ClinicName),
            Subject = message.Subject,
            Body = message.Body,
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        mail.To.Add(new MailAddress(message.To));
        if (message.ClinicEmail is { Length: > 0 } replyTo && MailAddress.TryCreate(replyTo, out var clinic))
        {
            mail.ReplyToList.Add(clinic);
        }

        // One-click unsubscribe in mail clients (RFC 2369 / RFC 8058), alongside the link in the text.
        mail.Headers.Add("List-Unsubscribe", $"<{urls.OneClickOptOut(message.OptOutToken)}>");
        mail.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        // A stable id per reminder: a resend after a crash carries the same Message-ID, so mail systems can tell.
        mail.Headers.Add("Message-ID", $"<{message.ReminderId:N}@smpaftercare>");
        mail.Headers.Add("X-SmpAftercare-Reminder", message.ReminderId.ToString("D", CultureInfo.InvariantCulture));
        return mail;
    }

    private SmtpClient CreateClient()
    {
        if (!_smtp.IsConfigured)
        {
            return new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = outbox.Path };
        }

        var client = new SmtpClient(_smtp.Host, _smtp.Port)
        {
            EnableSsl = _smtp.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = Math.Max(1, _smtp.TimeoutSeconds) * 1000,
        };
        if (!string.IsNullOrEmpty(_smtp.UserName))
        {
            client.Credentials = new NetworkCredential(_smtp.UserName, _smtp.Password);
        }

        return client;
    }
}

/// <summary>SMS through an HTTP gateway (JSON or form body, one auth header), or .txt files in the outbox folder.</summary>
public sealed class SmsChannel(IOptions<SmsOptions> options, IHttpClientFactory httpClients, OutboxFolder outbox, TimeProvider clock) : IReminderChannel
{
    public const string HttpClientName = "sms-gateway";

    /// <summary>Plain "+44..." rather than "\u002B44...": the body goes to an API, never into HTML.</summary>
    private static readonly JsonSerializerOptions GatewayJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SmsOptions _sms = options.Value;

    public ContactChannel Channel => ContactChannel.Sms;

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (!_sms.IsConfigured)
        {
            var name = $"sms-{clock.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{message.ReminderId:N}.txt";
            var text = $"To: {message.To}\nFrom: {_sms.From ?? message.ClinicName}\nReminder: {message.ReminderId:D}\n\n{message.Body}\n";
            await File.WriteAllTextAsync(Path.Combine(outbox.Path, name), text, cancellationToken);
            return SendResult.Sent;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _sms.GatewayUrl) { Content = Body(message) };
        if (!string.IsNullOrEmpty(_sms.AuthHeaderValue))
        {
            request.Headers.TryAddWithoutValidation(_sms.AuthHeaderName, _sms.AuthHeaderValue);
        }

        // Gateways that honour it drop a repeat of the same reminder (a resend after a crash).
        request.Headers.TryAddWithoutValidation("Idempotency-Key", message.ReminderId.ToString("D", CultureInfo.InvariantCulture));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, _sms.TimeoutSeconds)));
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return SendResult.Sent;
            }

            var detail = await response.Content.ReadAsStringAsync(timeout.Token);
            var error = $"SMS gateway answered {(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(detail)}";
            var status = (int)response.StatusCode;
            return status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
                ? SendResult.Transient(error)
                : SendResult.Permanent(error);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendResult.Transient($"The SMS gateway did not answer within {_sms.TimeoutSeconds} s.");
        }
        catch (HttpRequestException e)
        {
            return SendResult.Transient($"Could not reach the SMS gateway: {e.Message}");
        }
    }

    private HttpContent Body(OutgoingMessage message)
    {
        var fields = new Dictionary<string, string> { [_sms.ToField] = message.To, [_sms.TextField] = message.Body };
        if (!string.IsNullOrEmpty(_sms.From))
        {
            fields[_sms.FromField] = _sms.From;
        }

        return string.Equals(_sms.Format, "form", StringComparison.OrdinalIgnoreCase)
            ? new FormUrlEncodedContent(fields)
            : JsonContent.Create(fields, options: GatewayJson);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
