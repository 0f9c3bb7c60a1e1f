using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Web.Features.Protocol;

/// <summary>How a stored rule line reads for staff ("days 0-3", "allowed from day 4").</summary>
public static class RuleText
{
    public static string ActivityName(string code) => Activity.TryFromCode(code, out var activity) ? activity.Name : code;

    public static string Kind(RuleKind kind) => kind == RuleKind.Avoid ? "Avoid" : "Recommend";

    public static string Anchor(RuleAnchor anchor) => anchor == RuleAnchor.EverySession ? "Every session" : "Final session";

    /// <summary>"days 0-3", "day 0", "day 30 onwards" (ranges are inclusive, docs/aftercare-rules.md).</summary>
    public static string Days(ProtocolRuleEntry rule) => rule.ToDay switch
    {
        null => $"day {rule.FromDay} onwards",
        var to when to == rule.FromDay => $"day {rule.FromDay}",
        var to => $"days {rule.FromDay}-{to}",
    };

    /// <summary>When an avoided activity is allowed again; empty for care advice.</summary>
    public static string AllowedFrom(ProtocolRuleEntry rule) => (rule.Kind, rule.ToDay) switch
    {
        (RuleKind.Recommend, _) => string.Empty,
        (_, null) => "never (open-ended)",
        (_, var to) => $"allowed from day {to + 1}",
    };
}
