using System.Net.Security;

namespace SmpAftercare.Web.Features.Reminders;

/// <summary>Configuration section "Reminders" (docs/reminders.md).</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Where email (.eml) and SMS (.txt) go when no SMTP server or SMS gateway is configured. Default: the data directory's outbox/.</summary>
    public string? OutboxFolder { get; set; }

    /// <summary>Seconds that divide a minute, or whole minutes that divide an hour: the dispatch runs on an even schedule.</summary>
    public int DispatchIntervalSeconds { get; set; } = 60;

    /// <summary>Off: no recurring dispatch is scheduled (tests drive the dispatcher by hand).</summary>
    public bool DispatchEnabled { get; set; } = true;

    /// <summary>Hand-overs per reminder before a transient failure becomes a failure.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait after the first transient failure; it doubles after each further one.</summary>
    public int RetryDelaySeconds { get; set; } = 60;

    /// <summary>Rows read per query while dispatching; a run keeps going until nothing is due.</summary>
    public int BatchSize { get; set; } = 100;
}

/// <summary>Configuration section "Smtp". No Host: messages are written as .eml files into the outbox folder.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>None (plain), StartTls (upgrade required, usually port 587) or Tls (implicit TLS, usually port 465).</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address; the display name is the clinic's name.</summary>
    public string From { get; set; } = "reminders@localhost";

    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Not configurable from settings: left null, the server's certificate is checked the normal way (trusted chain,
    /// matching name). Tests set it to trust the self-signed certificate of their local server.
    /// </summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public bool HasValidFrom => MimeKit.MailboxAddress.TryParse(From, out var address) && address.Address.Contains('@', StringComparison.Ordinal);
}

public enum SmtpSecurity
{
    /// <summary>Plain SMTP; the connection is never upgraded (a local relay).</summary>
    None,

    /// <summary>Connect in plain text, then STARTTLS; refuses a server that does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, RFC 8314; port 465).</summary>
    Tls,
}

/// <summary>Configuration section "Sms". No GatewayUrl: messages are written as .txt files into the outbox folder.</summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";

    public string? GatewayUrl { get; set; }

    /// <summary>Header carrying the gateway's credentials ("Authorization", "X-Api-Key" ...).</summary>
    public string AuthHeaderName { get; set; } = "Authorization";

    /// <summary>Its value ("Bearer abc", "Basic ...", a bare key). Empty: no auth header.</summary>
    public string? AuthHeaderValue { get; set; }

    /// <summary>"json" (default) or "form".</summary>
    public string Format { get; set; } = "json";

    public string ToField { get; set; } = "to";

    public string TextField { get; set; } = "text";

    public string FromField { get; set; } = "from";

    /// <summary>Sender id or number, when the gateway wants one.</summary>
    public string? From { get; set; }

    public int TimeoutSeconds { get; set; } = 15;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(GatewayUrl);
}
