using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Reminders;

/// <summary>
/// Email over SMTP with MailKit, or .eml files in the outbox folder when no server is configured. One connection
/// per dispatch run: opened with the run's first email, reused for the next, opened again after a failure that
/// broke it, closed when the run ends.
/// </summary>
public sealed partial class EmailChannel(IOptions<SmtpOptions> options, OutboxFolder outbox, PublicUrls urls, TimeProvider clock, ILogger<EmailChannel> logger)
    : IReminderChannel
{
    private readonly SmtpOptions _smtp = options.Value;
    private readonly OutboxFolder _outbox = outbox;
    private readonly PublicUrls _urls = urls;
    private readonly TimeProvider _clock = clock;

    public ContactChannel Channel => ContactChannel.Email;

    public IReminderSender StartBatch() => new Batch(this);

    /// <summary>SMTP reply classes (RFC 5321 4.2.1): 4yz is transient, 5yz permanent.</summary>
    public static SendResult Classify(SmtpCommandException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var code = (int)e.StatusCode;
        var text = $"SMTP {code}: {e.Message}";
        return code is >= 500 and < 600 ? SendResult.Permanent(text) : SendResult.Transient(text);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connected to the mail server {Host}:{Port} ({Security})")]
    private partial void LogConnected(string host, int port, SmtpSecurity security);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing the mail server connection failed; it is dropped")]
    private partial void LogCloseFailed(Exception error);

    private sealed class Batch(EmailChannel channel) : IReminderSender
    {
        private readonly SmtpOptions _smtp = channel._smtp;
        private SmtpClient? _client;

        public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            using var mail = ReminderEmail.TryBuild(message, _smtp.From, channel._urls.OptOut(message.OptOutToken), out var problem);
            if (mail is null)
            {
                return SendResult.Permanent(problem!);
            }

            if (!_smtp.IsConfigured)
            {
                var name = $"email-{channel._clock.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{message.ReminderId:N}.eml";
                await mail.WriteToAsync(Path.Combine(channel._outbox.Path, name), cancellationToken);
                return SendResult.Sent;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, _smtp.TimeoutSeconds)));
            try
            {
                var client = await ConnectedAsync(timeout.Token);
                await client.SendAsync(mail, timeout.Token);
                return SendResult.Sent;
            }
            catch (SmtpCommandException e)
            {
                // MailKit resets the transaction (RSET) and keeps the connection after a refused command.
                if (_client is { IsConnected: false })
                {
                    await DropAsync();
                }

                return Classify(e);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await DropAsync();
                return SendResult.Transient($"The mail server did not answer within {_smtp.TimeoutSeconds} s.");
            }
            catch (AuthenticationException e)
            {
                await DropAsync();
                return SendResult.Transient($"The mail server refused the sign-in (Smtp:UserName and Smtp:Password): {e.Message}");
            }
            catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or SslHandshakeException
                                          or ServiceNotConnectedException or ServiceNotAuthenticatedException or NotSupportedException)
            {
                // A broken or refused connection: the next message of the run connects again.
                await DropAsync();
                return SendResult.Transient($"Could not reach the mail server: {e.Message}");
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_client is { IsConnected: true } client)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(1, _smtp.TimeoutSeconds)));
                    await client.DisconnectAsync(quit: true, timeout.Token);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or SmtpProtocolException or SmtpCommandException)
                {
                    channel.LogCloseFailed(e);
                }
            }

            _client?.Dispose();
            _client = null;
        }

        private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
        {
            if (_client is { IsConnected: true } open)
            {
                return open;
            }

            await DropAsync();
            var client = SmtpConnect.NewClient(_smtp);
            _client = client; // set first, so a failed connect is dropped like any broken connection
            await SmtpConnect.OpenAsync(client, _smtp, cancellationToken);

            channel.LogConnected(_smtp.Host!, _smtp.Port, _smtp.Security);
            return client;
        }

        /// <summary>Forgets a connection in an unknown state without a goodbye (which could hang on it too).</summary>
        private async Task DropAsync()
        {
            if (_client is null)
            {
                return;
            }

            try
            {
                if (_client.IsConnected)
                {
                    await _client.DisconnectAsync(quit: false, CancellationToken.None);
                }
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                channel.LogCloseFailed(e);
            }

            _client.Dispose();
            _client = null;
        }
    }
}
