using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using SmpAftercare.Domain.Calendar;

namespace SmpAftercare.Web.Features.ClientLink;

/// <summary>
/// The client's milestones as an iCalendar file (RFC 5545), written by Ical.Net. The domain decides which events
/// (<see cref="MilestoneCalendar"/>); this only writes them.
/// </summary>
public static class CalendarFile
{
    public const string ProductId = "-//SmpAftercare//Aftercare timeline//EN";

    public const string MediaType = "text/calendar";

    private const int MaxLineOctets = 75;

    /// <summary>
    /// The reminder goes off at this time on the milestone's morning, in the reader's own time zone: a trigger
    /// relative to the start of an all-day event counts from that day's local midnight.
    /// </summary>
    public static readonly TimeSpan AlarmAfterMidnight = TimeSpan.FromHours(9);

    public static string Write(string calendarName, IEnumerable<AllDayEvent> events, DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentException.ThrowIfNullOrWhiteSpace(calendarName);
        var calendar = new Calendar { ProductId = ProductId, Method = "PUBLISH", Scale = "GREGORIAN" };
        // Not in RFC 5545 but read by Apple, Google and Outlook as the calendar's display name; X- names are allowed.
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        var dtStamp = new CalDateTime(stamp.UtcDateTime, CalDateTime.UtcTzId);
        foreach (var e in events)
        {
            var item = new CalendarEvent
            {
                Uid = e.Uid,
                DtStamp = dtStamp,
                DtStart = new CalDateTime(e.Date),
                // DTEND is exclusive (3.6.1): a one-day event ends on the next date.
                DtEnd = new CalDateTime(e.Date.AddDays(1)),
                Summary = e.Summary,
                Description = e.Description,
                // A milestone is news, not an appointment: it must not mark the client busy.
                Transparency = TransparencyType.Transparent,
            };
            item.Alarms.Add(new Alarm
            {
                Action = AlarmAction.Display,
                Description = e.Summary,
                Trigger = new Trigger(Duration.FromTimeSpanExact(AlarmAfterMidnight)) { Related = TriggerRelation.Start },
            });
            calendar.Events.Add(item);
        }

        return Refold(new CalendarSerializer().SerializeToString(calendar)!);
    }

    /// <summary>
    /// Ical.Net 5.2.4 folds long lines within 75 octets but can cut between the two halves of a character outside
    /// the BMP (an emoji in a clinic's wording), which leaves invalid UTF-8 on both lines. The lines are unfolded
    /// and folded again at whole characters: CRLF plus one space, no physical line over 75 octets (RFC 5545 3.1).
    /// </summary>
    private static string Refold(string ics)
    {
        var folded = new StringBuilder(ics.Length + 64);
        Span<char> buffer = stackalloc char[2];
        foreach (var line in ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var octets = 0;
            foreach (var rune in line.EnumerateRunes())
            {
                if (octets + rune.Utf8SequenceLength > MaxLineOctets)
                {
                    folded.Append("\r\n ");
                    octets = 1;
                }

                folded.Append(buffer[..rune.EncodeToUtf16(buffer)]);
                octets += rune.Utf8SequenceLength;
            }

            folded.Append("\r\n");
        }

        return folded.ToString();
    }
}
