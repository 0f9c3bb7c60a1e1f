using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SmpAftercare.Domain.Clients;

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
/// <param name="PersonalLink">The client's personal timeline link made for this message (it is also in the body), if any.</param>
public sealed record OutgoingMessage(Guid ReminderId, string To, string? Subject, string Body, string ClinicName, string? ClinicEmail, string OptOutToken,
    string? PersonalLink = null);

/// <summary>Hands messages to whatever delivers them (mail server, SMS gateway, or the local outbox folder).</summary>
public interface IReminderChannel
{
    ContactChannel Channel { get; }

    /// <summary>
    /// A sender for one dispatch run. It may keep a connection open between messages; disposing it (at the end of
    /// the run) closes it.
    /// </summary>
    IReminderSender StartBatch();
}

public interface IReminderSender : IAsyncDisposable
{
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

/// <summary>SMS through an HTTP gateway (JSON or form body, one auth header), or .txt files in the outbox folder.</summary>
public sealed class SmsChannel(IOptions<SmsOptions> options, IHttpClientFactory httpClients, OutboxFolder outbox, TimeProvider clock) : IReminderChannel, IReminderSender
{
    public const string HttpClientName = "sms-gateway";

    /// <summary>Plain "+44..." rather than "\u002B44...": the body goes to an API, never into HTML.</summary>
    private static readonly JsonSerializerOptions GatewayJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SmsOptions _sms = options.Value;

    public ContactChannel Channel => ContactChannel.Sms;

    /// <summary>The HTTP client factory pools connections already: nothing to hold per run.</summary>
    public IReminderSender StartBatch() => this;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

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
