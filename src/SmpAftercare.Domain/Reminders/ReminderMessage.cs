using System.Globalization;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;

namespace SmpAftercare.Domain.Reminders;

/// <summary>Who and what a message names besides its plan: filled into the template's placeholders.</summary>
public sealed record MessageContext(
    string ClientFullName,
    string ClinicName,
    string? ClinicPhone,
    CultureInfo Culture,
    string TimelineLink,
    string OptOutLink);

/// <summary>The text of one reminder on one channel.</summary>
public sealed record ComposedMessage(string? Subject, string Body);

/// <summary>
/// Writes a planned reminder in the clinic's template. Email gets lists; SMS gets the same content as short
/// sentences, because every character costs the clinic.
/// </summary>
public static class ReminderMessage
{
    /// <summary>
    /// Stands in a planned message for the client's personal link. Only a link's hash is stored, so a link cannot be
    /// written into a message twice: the dispatcher makes one for each message as it sends it, and replanning
    /// leaves the text (and the links) alone.
    /// </summary>
    public const string PersonalLinkSlot = "{{personal-link}}";

    public static ComposedMessage Compose(PlannedReminder planned, ReminderTemplates templates, MessageContext context, ContactChannel channel)
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(context);
        if (channel is not (ContactChannel.Email or ContactChannel.Sms))
        {
            throw new DomainException("A reminder goes out by email or SMS.");
        }

        var sms = channel == ContactChannel.Sms;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Placeholders.FirstName] = FirstName(context.ClientFullName),
            [Placeholders.ClientName] = context.ClientFullName,
            [Placeholders.ClinicName] = context.ClinicName,
            [Placeholders.ClinicPhone] = context.ClinicPhone ?? string.Empty,
            [Placeholders.Date] = sms ? ShortDate(planned.AnnouncedDate, context.Culture) : LongDate(planned.AnnouncedDate, context.Culture),
            [Placeholders.Changes] = sms ? ChangesSms(planned) : ChangesEmail(planned),
            [Placeholders.StillAvoid] = sms ? StillAvoidSms(planned, context.Culture) : StillAvoidEmail(planned, context.Culture),
            [Placeholders.TimelineLink] = context.TimelineLink,
            [Placeholders.OptOutLink] = context.OptOutLink,
        };

        if (sms)
        {
            var text = ReminderTemplates.Render(templates.For(planned.Kind, TemplatePart.SmsText), values);
            // Placeholders that come out empty leave double spaces behind in a one-line message.
            return new ComposedMessage(null, string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }

        var subject = ReminderTemplates.Render(templates.For(planned.Kind, TemplatePart.Subject), values);
        var body = ReminderTemplates.Render(templates.For(planned.Kind, TemplatePart.EmailBody), values);
        return new ComposedMessage(subject, CollapseBlankLines(body));
    }

    /// <summary>"Thursday 12 March" (en-GB), "Thursday, March 12" (en-US).</summary>
    public static string LongDate(DateOnly date, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return MonthFirst(culture)
            ? date.ToString("dddd, MMMM d", culture)
            : date.ToString("dddd d MMMM", culture);
    }

    /// <summary>"Thu 12 Mar" (en-GB), "Thu, Mar 12" (en-US).</summary>
    public static string ShortDate(DateOnly date, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return MonthFirst(culture)
            ? date.ToString("ddd, MMM d", culture)
            : date.ToString("ddd d MMM", culture);
    }

    private static bool MonthFirst(CultureInfo culture) =>
        culture.DateTimeFormat.MonthDayPattern.TrimStart().StartsWith('M');

    private static string ChangesEmail(PlannedReminder planned) =>
        string.Join('\n', planned.Lifted.Select(a => $"- {a.AllowedAgain}.").Concat(planned.Starting.Select(r => $"- {r.Instruction}")));

    private static string ChangesSms(PlannedReminder planned)
    {
        // Follows "from today": only the first sentence starts in lower case.
        var sentences = planned.Lifted.Select(a => $"{a.AllowedAgain}.").Concat(planned.Starting.Select(r => r.Instruction)).ToList();
        return sentences.Count == 0 ? string.Empty : LowerFirst(string.Join(' ', sentences));
    }

    private static IEnumerable<StillAvoided> ByDate(PlannedReminder planned) =>
        planned.StillAvoided.OrderBy(s => s.AllowedFrom ?? DateOnly.MaxValue).ThenBy(s => s.Activity.Order);

    private static string StillAvoidEmail(PlannedReminder planned, CultureInfo culture)
    {
        if (planned.Kind != ReminderKind.Milestone)
        {
            return string.Empty;
        }

        if (planned.StillAvoided.Count == 0)
        {
            return "Nothing else is restricted any more.";
        }

        return "Still avoid:\n" + string.Join('\n', ByDate(planned).Select(s =>
            $"- {s.Activity.Name}: {(s.AllowedFrom is { } from ? $"not until {LongDate(from, culture)}" : "not for now")}"));
    }

    /// <summary>
    /// "Still no shaving until Sat 7 Mar; no touching, sweating until Mon 9 Mar." Activity codes are plain
    /// English nouns and much shorter than the names, which matters at 160 characters a segment.
    /// </summary>
    private static string StillAvoidSms(PlannedReminder planned, CultureInfo culture)
    {
        if (planned.Kind != ReminderKind.Milestone || planned.StillAvoided.Count == 0)
        {
            return string.Empty;
        }

        var groups = ByDate(planned).GroupBy(s => s.AllowedFrom).Select(g =>
            $"no {string.Join(", ", g.Select(s => s.Activity.Code))} {(g.Key is { } from ? $"until {ShortDate(from, culture)}" : "for now")}");
        return "Still " + string.Join("; ", groups) + ".";
    }

    private static string FirstName(string fullName)
    {
        var trimmed = fullName.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? trimmed : trimmed[..space];
    }

    private static string LowerFirst(string text) =>
        text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    private static string CollapseBlankLines(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd()).ToList();
        var result = new List<string>(lines.Count);
        foreach (var line in lines)
        {
            if (line.Length == 0 && (result.Count == 0 || result[^1].Length == 0))
            {
                continue;
            }

            result.Add(line);
        }

        return string.Join('\n', result).Trim();
    }
}
