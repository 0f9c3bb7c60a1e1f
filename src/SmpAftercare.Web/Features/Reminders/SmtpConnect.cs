using MailKit.Net.Smtp;
using MailKit.Security;

namespace SmpAftercare.Web.Features.Reminders;

/// <summary>How every email leaves the app (reminders and account emails): one "Smtp" section, one way to connect.</summary>
public static class SmtpConnect
{
    /// <summary>A client with the configured timeout; the certificate is checked the normal way unless a test says otherwise.</summary>
    public static SmtpClient NewClient(SmtpOptions smtp)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        var client = new SmtpClient { Timeout = Math.Max(1, smtp.TimeoutSeconds) * 1000 };
        if (smtp.ServerCertificateValidation is { } validate)
        {
            client.ServerCertificateValidationCallback = validate;
        }

        return client;
    }

    /// <summary>Connects with the configured TLS mode and signs in when a user name is set.</summary>
    public static async Task OpenAsync(SmtpClient client, SmtpOptions smtp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(smtp);
        var socket = smtp.Security switch
        {
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(smtp.Host!, smtp.Port, socket, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
        }
    }
}
