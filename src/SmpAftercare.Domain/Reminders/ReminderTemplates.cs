using System.Text.RegularExpressions;
using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.Reminders;

/// <summary>The placeholders a clinic can use in its reminder templates.</summary>
public static class Placeholders
{
    public const string FirstName = "{FirstName}";
    public const string ClientName = "{ClientName}";
    public const string ClinicName = "{ClinicName}";
    public const string ClinicPhone = "{ClinicPhone}";
    public const string Date = "{Date}";
    public const string Changes = "{Changes}";
    public const string StillAvoid = "{StillAvoid}";
    public const string TimelineLink = "{TimelineLink}";
    public const string OptOutLink = "{OptOutLink}";

    /// <summary>Every placeholder with what it becomes, for the settings page.</summary>
    public static readonly IReadOnlyList<(string Placeholder, string Meaning)> All =
    [
        (FirstName, "the client's first name"),
        (ClientName, "the client's full name"),
        (ClinicName, "your clinic's name (required in every message)"),
        (ClinicPhone, "your clinic's phone number"),
        (Date, "the day the message is about: the milestone day, or the date of the next session"),
        (Changes, "what the client may do again from that day (milestone messages only)"),
        (StillAvoid, "what is still restricted and from when it is allowed (milestone messages only)"),
        (TimelineLink, "the link to the client's personal timeline (required in every message)"),
        (OptOutLink, "the one-click link that stops reminders on this channel (required in every message)"),
    ];

    internal static readonly Regex Pattern = new(@"\{([A-Za-z]+)\}", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}

/// <summary>Which message a template is for.</summary>
public enum TemplatePart
{
    Subject,
    EmailBody,
    SmsText,
}

/// <summary>
/// A clinic's six reminder templates (email subject and body, and SMS text, for each kind of reminder).
/// Every body must name the clinic and carry the timeline and opt-out links: those are promises the
/// product makes to clients, so a clinic's wording cannot drop them.
/// </summary>
public sealed record ReminderTemplates(
    string MilestoneEmailSubject,
    string MilestoneEmailBody,
    string MilestoneSms,
    string NextSessionEmailSubject,
    string NextSessionEmailBody,
    string NextSessionSms)
{
    public const int SubjectMaxLength = 200;
    public const int EmailBodyMaxLength = 4000;

    /// <summary>Five SMS segments of template; placeholders (links above all) make the message longer.</summary>
    public const int SmsMaxLength = 640;

    public static ReminderTemplates Default { get; } = new(
        MilestoneEmailSubject: "{ClinicName}: your aftercare changes today",
        MilestoneEmailBody:
            """
            Hello {FirstName},

            Good news: from today, {Date}:
            {Changes}

            {StillAvoid}

            Your day-by-day aftercare: {TimelineLink}

            Questions? Call {ClinicName} on {ClinicPhone}.

            Stop email reminders: {OptOutLink}
            """,
        MilestoneSms: "{ClinicName}: from today {Changes} {StillAvoid} Your aftercare: {TimelineLink} Stop SMS: {OptOutLink}",
        NextSessionEmailSubject: "{ClinicName}: your next session is tomorrow",
        NextSessionEmailBody:
            """
            Hello {FirstName},

            A reminder that your next session at {ClinicName} is tomorrow, {Date}.
            If you cannot make it, please call us on {ClinicPhone}.

            Your day-by-day aftercare: {TimelineLink}

            Stop email reminders: {OptOutLink}
            """,
        NextSessionSms: "{ClinicName}: your next session is tomorrow, {Date}. Your aftercare: {TimelineLink} Stop SMS: {OptOutLink}");

    /// <summary>The check-in invitation's wording: the same for every clinic for now (it names the clinic and its phone).</summary>
    public const string CheckInEmailSubject = "{ClinicName}: how is your scalp healing?";

    public const string CheckInEmailBody =
        """
        Hello {FirstName},

        How is your scalp healing today? Tell us in a minute, with a photo if you like:
        {TimelineLink}

        You get an answer straight away, and if anything needs a look, {ClinicName} hears about it at once.
        Worried? Call {ClinicName} on {ClinicPhone}.

        Stop email reminders: {OptOutLink}
        """;

    public const string CheckInSms = "{ClinicName}: how is your scalp healing? Check in (photo optional): {TimelineLink} Stop SMS: {OptOutLink}";

    public static ReminderTemplates Create(string? milestoneEmailSubject, string? milestoneEmailBody, string? milestoneSms,
        string? nextSessionEmailSubject, string? nextSessionEmailBody, string? nextSessionSms)
    {
        var templates = new ReminderTemplates(
            Normalize(milestoneEmailSubject), Normalize(milestoneEmailBody), Normalize(milestoneSms),
            Normalize(nextSessionEmailSubject), Normalize(nextSessionEmailBody), Normalize(nextSessionSms));
        var problem = templates.Problems().FirstOrDefault();
        return problem.Message is null ? templates : throw new DomainException(problem.Message);
    }

    public string For(ReminderKind kind, TemplatePart part) => (kind, part) switch
    {
        (ReminderKind.Milestone, TemplatePart.Subject) => MilestoneEmailSubject,
        (ReminderKind.Milestone, TemplatePart.EmailBody) => MilestoneEmailBody,
        (ReminderKind.Milestone, TemplatePart.SmsText) => MilestoneSms,
        (ReminderKind.NextSession, TemplatePart.Subject) => NextSessionEmailSubject,
        (ReminderKind.NextSession, TemplatePart.EmailBody) => NextSessionEmailBody,
        (ReminderKind.NextSession, TemplatePart.SmsText) => NextSessionSms,
        (ReminderKind.CheckIn, TemplatePart.Subject) => CheckInEmailSubject,
        (ReminderKind.CheckIn, TemplatePart.EmailBody) => CheckInEmailBody,
        (ReminderKind.CheckIn, TemplatePart.SmsText) => CheckInSms,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Every problem, named by the property it belongs to (for messages next to the field).</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        foreach (var (field, kind, part, text) in new[]
                 {
                     (nameof(MilestoneEmailSubject), ReminderKind.Milestone, TemplatePart.Subject, MilestoneEmailSubject),
                     (nameof(MilestoneEmailBody), ReminderKind.Milestone, TemplatePart.EmailBody, MilestoneEmailBody),
                     (nameof(MilestoneSms), ReminderKind.Milestone, TemplatePart.SmsText, MilestoneSms),
                     (nameof(NextSessionEmailSubject), ReminderKind.NextSession, TemplatePart.Subject, NextSessionEmailSubject),
                     (nameof(NextSessionEmailBody), ReminderKind.NextSession, TemplatePart.EmailBody, NextSessionEmailBody),
                     (nameof(NextSessionSms), ReminderKind.NextSession, TemplatePart.SmsText, NextSessionSms),
                 })
        {
            if (Check(text, kind, part) is { } message)
            {
                yield return (field, message);
            }
        }
    }

    /// <summary>The first thing wrong with one template, or null when it is usable.</summary>
    public static string? Check(string? text, ReminderKind kind, TemplatePart part)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "Write the message: a template cannot be empty.";
        }

        var max = part switch
        {
            TemplatePart.Subject => SubjectMaxLength,
            TemplatePart.EmailBody => EmailBodyMaxLength,
            _ => SmsMaxLength,
        };
        if (text.Length > max)
        {
            return $"Keep it under {max} characters (it has {text.Length}).";
        }

        if (part == TemplatePart.Subject && text.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return "A subject is one line.";
        }

        foreach (Match match in Placeholders.Pattern.Matches(text))
        {
            var placeholder = match.Value;
            if (!Placeholders.All.Any(p => p.Placeholder == placeholder))
            {
                return $"{placeholder} is not a placeholder. Use {string.Join(", ", Placeholders.All.Select(p => p.Placeholder))}.";
            }

            if (kind == ReminderKind.NextSession && placeholder is Placeholders.Changes or Placeholders.StillAvoid)
            {
                return $"{placeholder} only works in milestone messages.";
            }

            if (part == TemplatePart.Subject && placeholder is Placeholders.Changes or Placeholders.StillAvoid or Placeholders.TimelineLink or Placeholders.OptOutLink)
            {
                return $"{placeholder} belongs in the message, not in the subject.";
            }
        }

        if (part != TemplatePart.Subject)
        {
            if (!text.Contains(Placeholders.ClinicName, StringComparison.Ordinal))
            {
                return $"Add {Placeholders.ClinicName}: every message names the clinic.";
            }

            if (!text.Contains(Placeholders.TimelineLink, StringComparison.Ordinal))
            {
                return $"Add {Placeholders.TimelineLink}: every message links to the client's timeline.";
            }

            if (!text.Contains(Placeholders.OptOutLink, StringComparison.Ordinal))
            {
                return $"Add {Placeholders.OptOutLink}: every message lets the client stop reminders in one click.";
            }
        }

        return null;
    }

    /// <summary>Fills the placeholders; unknown ones cannot occur in a checked template.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        return Placeholders.Pattern.Replace(template, m => values.TryGetValue(m.Value, out var value) ? value : m.Value);
    }

    private static string Normalize(string? text) => (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
