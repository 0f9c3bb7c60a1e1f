using System.Threading.Channels;

namespace SmpAftercare.Web.Features.Account;

/// <summary>
/// Password-reset mails go out after the page has answered: an address with an account would otherwise answer
/// measurably slower (a mail-server round trip) than one without, and the page must not tell them apart.
/// </summary>
public sealed partial class PasswordResetMails(IAccountEmailSender sender, ILogger<PasswordResetMails> logger) : BackgroundService
{
    private readonly Channel<(string To, string Subject, string Body)> _queue =
        Channel.CreateBounded<(string, string, string)>(new BoundedChannelOptions(200) { FullMode = BoundedChannelFullMode.DropOldest });

    [LoggerMessage(Level = LogLevel.Warning, Message = "A password-reset email could not be sent")]
    private static partial void NotSent(ILogger logger, Exception exception);

    public void Enqueue(string to, string subject, string body) => _queue.Writer.TryWrite((to, subject, body));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (to, subject, body) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await sender.SendAsync(to, subject, body, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                NotSent(logger, e);
            }
        }
    }
}
