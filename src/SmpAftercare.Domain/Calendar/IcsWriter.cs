using System.Globalization;
using System.Text;
using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.Calendar;

/// <summary>An event that takes a whole day on the reader's own calendar (no time, no time zone).</summary>
/// <param name="Uid">Stable across downloads, so a calendar app updates the event instead of adding a copy.</param>
public sealed record AllDayEvent(string Uid, DateOnly Date, string Summary, string? Description = null);

/// <summary>
/// Writes an RFC 5545 (iCalendar) file. Written by hand because Ical.Net is not in the package registry; only
/// what all-day events need: CRLF line ends, lines folded at 75 octets, TEXT values escaped (section 3.3.11).
/// </summary>
public static class IcsWriter
{
    public const string ProductId = "-//SmpAftercare//Aftercare timeline//EN";

    /// <summary>RFC 5545 3.1: "Lines of text SHOULD NOT be longer than 75 octets, excluding the line break."</summary>
    public const int MaxLineOctets = 75;

    public const string MediaType = "text/calendar";

    public static string Write(string calendarName, IEnumerable<AllDayEvent> events, DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (string.IsNullOrWhiteSpace(calendarName))
        {
            throw new DomainException("A calendar needs a name.");
        }

        var text = new StringBuilder();
        Append(text, "BEGIN:VCALENDAR");
        Append(text, "VERSION:2.0");
        Append(text, "PRODID:" + ProductId);
        Append(text, "CALSCALE:GREGORIAN");
        Append(text, "METHOD:PUBLISH");
        // Not in RFC 5545 but read by Apple, Google and Outlook as the calendar's display name; X- names are allowed.
        Append(text, "X-WR-CALNAME:" + EscapeText(calendarName));
        var dtStamp = stamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var uids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            ArgumentNullException.ThrowIfNull(e);
            if (string.IsNullOrWhiteSpace(e.Uid) || string.IsNullOrWhiteSpace(e.Summary))
            {
                throw new DomainException("A calendar event needs a UID and a summary.");
            }

            if (!uids.Add(e.Uid))
            {
                throw new DomainException($"Two calendar events share the UID '{e.Uid}'.");
            }

            Append(text, "BEGIN:VEVENT");
            Append(text, "UID:" + EscapeText(e.Uid));
            Append(text, "DTSTAMP:" + dtStamp);
            Append(text, "DTSTART;VALUE=DATE:" + Date(e.Date));
            // DTEND is exclusive (3.6.1): a one-day event ends on the next date.
            Append(text, "DTEND;VALUE=DATE:" + Date(e.Date.AddDays(1)));
            Append(text, "SUMMARY:" + EscapeText(e.Summary));
            if (!string.IsNullOrWhiteSpace(e.Description))
            {
                Append(text, "DESCRIPTION:" + EscapeText(e.Description));
            }

            // A milestone is news, not an appointment: it must not mark the client busy.
            Append(text, "TRANSP:TRANSPARENT");
            Append(text, "END:VEVENT");
        }

        Append(text, "END:VCALENDAR");
        return text.ToString();
    }

    /// <summary>TEXT escaping (3.3.11): backslash, semicolon and comma get a backslash; a line break becomes \n.</summary>
    public static string EscapeText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': escaped.Append(@"\\"); break;
                case ';': escaped.Append(@"\;"); break;
                case ',': escaped.Append(@"\,"); break;
                case '\r':
                    escaped.Append(@"\n");
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\n': escaped.Append(@"\n"); break;
                default:
                    // Other control characters are not allowed in TEXT; drop them rather than write an invalid file.
                    if (!char.IsControl(c) || c == '\t')
                    {
                        escaped.Append(c);
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// Appends one content line, folded so that no physical line passes 75 octets of UTF-8: a fold is CRLF plus
    /// one space, and never splits a character's bytes.
    /// </summary>
    private static void Append(StringBuilder text, string line)
    {
        var octets = 0;
        Span<char> buffer = stackalloc char[2];
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > MaxLineOctets)
            {
                text.Append("\r\n ");
                octets = 1; // the leading space of the continuation line counts
            }

            var written = rune.EncodeToUtf16(buffer);
            text.Append(buffer[..written]);
            octets += size;
        }

        text.Append("\r\n");
    }

    private static string Date(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
