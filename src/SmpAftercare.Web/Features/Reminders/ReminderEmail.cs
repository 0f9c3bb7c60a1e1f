using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace SmpAftercare.Web.Features.Reminders;

/// <summary>
/// Turns a reminder into an email: the stored text as the plain part, and an HTML part made from the same text
/// (the clinic's name on top, the same sentences and dates, the personal link as a button), so both carry the same
/// facts whatever the clinic wrote in its template.
/// </summary>
public static partial class ReminderEmail
{
    public const string ButtonLabel = "Open your day-by-day aftercare";

    /// <returns>The message, or null with <paramref name="problem"/> when the recipient cannot be addressed.</returns>
    public static MimeMessage? TryBuild(OutgoingMessage message, string fromAddress, string optOutUrl, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!TryMailbox(message.To, out var to))
        {
            problem = $"Invalid email address '{OneLine(message.To)}'.";
            return null;
        }

        var mail = new MimeMessage();
        // Header values from clinic data are made one line first: a line break in a clinic's name must neither
        // start a header of its own nor make the message unsendable (MimeKit encodes what remains).
        mail.From.Add(new MailboxAddress(OneLine(message.ClinicName), fromAddress));
        mail.To.Add(to);
        if (message.ClinicEmail is { Length: > 0 } replyTo && TryMailbox(replyTo, out var clinic))
        {
            mail.ReplyTo.Add(clinic);
        }

        mail.Subject = OneLine(message.Subject ?? string.Empty);
        // A stable id per reminder: a resend after a crash carries the same Message-ID, so mail systems can tell.
        mail.MessageId = $"{message.ReminderId:N}@smpaftercare";
        mail.Headers.Add("X-SmpAftercare-Reminder", message.ReminderId.ToString("D", CultureInfo.InvariantCulture));

        // RFC 2369: the mail client's own unsubscribe button opens the opt-out page. RFC 8058 one-click (a POST
        // without a page) is only allowed for an https address.
        mail.Headers.Add("List-Unsubscribe", $"<{optOutUrl}>");
        if (optOutUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            mail.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        mail.Body = new MultipartAlternative
        {
            new TextPart(MimeKit.Text.TextFormat.Plain) { Text = message.Body },
            new TextPart(MimeKit.Text.TextFormat.Html) { Text = Html(message, optOutUrl) },
        };
        problem = null;
        return mail;
    }

    /// <summary>Control characters (CR, LF, tab ...) become spaces, runs of spaces one space.</summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var space = char.IsControl(c) || char.IsWhiteSpace(c);
            if (!space)
            {
                line.Append(c);
            }
            else if (line.Length > 0 && line[^1] != ' ')
            {
                line.Append(' ');
            }
        }

        return line.ToString().TrimEnd();
    }

    /// <summary>
    /// The plain text laid out as HTML: blank lines separate paragraphs, "- " lines become a list, the personal
    /// link a button (with the address under it), other links stay links. Everything from the text is encoded.
    /// </summary>
    public static string Html(OutgoingMessage message, string optOutUrl)
    {
        ArgumentNullException.ThrowIfNull(message);
        var html = new StringBuilder(message.Body.Length * 2 + 1200);
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Encode(OneLine(message.Subject ?? message.ClinicName))).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f4f4f5;\">")
            .Append("<div style=\"max-width:560px;margin:0 auto;padding:24px 20px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2937;\">")
            .Append("<p style=\"margin:0 0 16px;padding-bottom:12px;border-bottom:2px solid #e5e7eb;font-size:20px;font-weight:bold;\">")
            .Append(Encode(OneLine(message.ClinicName))).Append("</p>");

        foreach (var block in message.Body.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n').Where(l => l.Trim().Length > 0).ToList();
            var inList = false;
            var inParagraph = false;
            foreach (var line in lines)
            {
                var item = line.StartsWith("- ", StringComparison.Ordinal);
                if (item && !inList)
                {
                    CloseParagraph(html, ref inParagraph);
                    html.Append("<ul style=\"margin:0 0 16px;padding-left:24px;\">");
                    inList = true;
                }
                else if (!item && inList)
                {
                    html.Append("</ul>");
                    inList = false;
                }

                if (item)
                {
                    html.Append("<li>");
                    AppendText(html, line[2..], message.PersonalLink, optOutUrl);
                    html.Append("</li>");
                    continue;
                }

                if (inParagraph)
                {
                    html.Append("<br>");
                }
                else
                {
                    html.Append("<p style=\"margin:0 0 16px;\">");
                    inParagraph = true;
                }

                AppendText(html, line, message.PersonalLink, optOutUrl);
            }

            if (inList)
            {
                html.Append("</ul>");
            }

            CloseParagraph(html, ref inParagraph);
        }

        return html.Append("</div></body></html>").ToString();
    }

    private static void CloseParagraph(StringBuilder html, ref bool inParagraph)
    {
        if (inParagraph)
        {
            html.Append("</p>");
            inParagraph = false;
        }
    }

    private static void AppendText(StringBuilder html, string text, string? personalLink, string optOutUrl)
    {
        var at = 0;
        foreach (Match link in Link().Matches(text))
        {
            var url = link.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')');
            html.Append(Encode(text[at..link.Index]));
            at = link.Index + url.Length;
            if (url == personalLink)
            {
                html.Append("<br><a href=\"").Append(Encode(url))
                    .Append("\" style=\"display:inline-block;margin:8px 0 4px;padding:12px 20px;border-radius:6px;background:#1d4ed8;color:#ffffff;font-weight:bold;text-decoration:none;\">")
                    .Append(Encode(ButtonLabel)).Append("</a><br><span style=\"font-size:13px;color:#6b7280;word-break:break-all;\">")
                    .Append(Encode(url)).Append("</span>");
            }
            else
            {
                var muted = url == optOutUrl ? " style=\"color:#6b7280;\"" : string.Empty;
                html.Append("<a href=\"").Append(Encode(url)).Append('"').Append(muted).Append('>').Append(Encode(url)).Append("</a>");
            }
        }

        html.Append(Encode(text[at..]));
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static bool TryMailbox(string text, out MailboxAddress mailbox)
    {
        mailbox = null!;
        if (string.IsNullOrWhiteSpace(text) || text.AsSpan().IndexOfAny('\r', '\n') >= 0
            || !MailboxAddress.TryParse(text.Trim(), out var parsed) || !parsed.Address.Contains('@', StringComparison.Ordinal))
        {
            return false;
        }

        mailbox = parsed;
        return true;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}
