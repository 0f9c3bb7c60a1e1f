using Microsoft.Extensions.Options;
using MimeKit;
using SmpAftercare.Web.Features.Reminders;

namespace SmpAftercare.Web.Features.Account;

/// <summary>Invitations and password-reset links. Configured by the same "Smtp" section as the reminders.</summary>
public interface IAccountEmailSender
{
    /// <summary>False when no mail server is configured: pages then say so and show the link to hand over.</summary>
    bool IsConfigured { get; }

    /// <summary>Throws when the mail server refuses or cannot be reached (the caller tells the person).</summary>
    Task SendAsync(string recipient, string subject, string body, CancellationToken cancellationToken);
}

public sealed class SmtpAccountEmailSender(IOptions<SmtpOptions> options) : IAccountEmailSender
{
    private readonly SmtpOptions _smtp = options.Value;

    public bool IsConfigured => _smtp.IsConfigured;

    public async Task SendAsync(string recipient, string subject, string body, CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            throw new InvalidOperationException("No mail server is configured.");
        }

        using var message = new MimeMessage();
        message.From.Add(new MailboxAddress("SmpAftercare", _smtp.From));
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };

        using var client = SmtpConnect.NewClient(_smtp);
        await SmtpConnect.OpenAsync(client, _smtp, cancellationToken);

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
