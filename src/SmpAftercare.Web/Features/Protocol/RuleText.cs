using System.Text.RegularExpressions;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Web.Features.Protocol;

/// <summary>How a stored rule line reads for staff ("days 0-3", "allowed from day 4"): plain names, never codes.</summary>
public static partial class RuleText
{
    /// <summary>
    /// The articles the default protocol cites by number (shared/seeds, docs/aftercare-rules.md), as staff know them.
    /// A number on its own means nothing to a person reading the protocol.
    /// </summary>
    private static readonly Dictionary<string, string> Articles = new(StringComparer.Ordinal)
    {
        ["000"] = "Why is my head red after SMP?",
        ["001"] = "SMP treatment overview",
        ["002"] = "Why is my scalp flaky after SMP?",
        ["003"] = "SMP side effects",
        ["004"] = "SMP aftercare and healing guide",
    };

    public static string ActivityName(string code) => Activity.TryFromCode(code, out var activity) ? activity.Name : "Unknown activity";

    public static string Kind(RuleKind kind) => kind == RuleKind.Avoid ? "Avoid" : "Recommend";

    public static string Anchor(RuleAnchor anchor) => anchor == RuleAnchor.EverySession ? "Every session" : "Final session";

    /// <summary>"after every session" / "after the final session", for sentences.</summary>
    public static string AnchorPhrase(RuleAnchor anchor) => anchor == RuleAnchor.EverySession ? "after every session" : "after the final session";

    /// <summary>"days 0-3", "day 0", "day 30 onwards" (ranges are inclusive, docs/aftercare-rules.md).</summary>
    public static string Days(ProtocolRuleEntry rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Days(rule.FromDay, rule.ToDay);
    }

    public static string Days(int from, int? to) => to switch
    {
        null => $"day {from} onwards",
        var t when t == from => $"day {from}",
        var t => $"days {from}-{t}",
    };

    /// <summary>When an avoided activity is allowed again; empty for care advice.</summary>
    public static string AllowedFrom(ProtocolRuleEntry rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return (rule.Kind, rule.ToDay) switch
        {
            (RuleKind.Recommend, _) => string.Empty,
            (_, null) => "never (open-ended)",
            (_, var to) => $"allowed from day {to + 1}",
        };
    }

    /// <summary>A rule's source with the article numbers of the default protocol replaced by the articles' titles.</summary>
    public static string Source(string? source) =>
        string.IsNullOrWhiteSpace(source) ? string.Empty : ArticleNumber().Replace(source, m => Articles.TryGetValue(m.Value, out var title) ? $"“{title}”" : m.Value);

    [GeneratedRegex(@"\b00[0-9]\b")]
    private static partial Regex ArticleNumber();
}
