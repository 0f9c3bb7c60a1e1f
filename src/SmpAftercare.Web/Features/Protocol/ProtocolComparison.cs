using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Web.Features.Protocol;

public enum ProtocolChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One rule that differs between two versions, in sentences an owner reads ("days 0-3 → days 0-4").</summary>
public sealed record ProtocolChange(ProtocolChangeKind Kind, string Rule, IReadOnlyList<string> Details);

/// <summary>
/// What changes from one protocol version to another. Rules are matched by what they are about (activity, avoid or
/// recommend, every or final session), in order, so editing a rule's days reads as a change of that rule rather than
/// one removed and one added.
/// </summary>
public static class ProtocolComparison
{
    /// <summary>A rule line as compared: stored lines and lines typed into the editor alike.</summary>
    public sealed record Line(string ActivityCode, RuleKind Kind, RuleAnchor Anchor, int FromDay, int? ToDay, string Instruction, string Source, bool Enabled)
    {
        public static Line From(ProtocolRuleEntry entry)
        {
            ArgumentNullException.ThrowIfNull(entry);
            return new(entry.ActivityCode, entry.Kind, entry.Anchor, entry.FromDay, entry.ToDay, entry.Instruction, entry.Source, entry.Enabled);
        }

        public string Title => $"{RuleText.Kind(Kind)} {RuleText.ActivityName(ActivityCode).ToLowerInvariant()} {RuleText.AnchorPhrase(Anchor)}";

        internal (string, RuleKind, RuleAnchor) Key => (ActivityCode.Trim().ToLowerInvariant(), Kind, Anchor);
    }

    public static IReadOnlyList<ProtocolChange> Compare(IEnumerable<Line> before, IEnumerable<Line> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var unmatched = before.ToList();
        var changes = new List<ProtocolChange>();
        foreach (var line in after)
        {
            var index = unmatched.FindIndex(b => b.Key == line.Key);
            if (index < 0)
            {
                changes.Add(new(ProtocolChangeKind.Added, line.Title, [Describe(line)]));
                continue;
            }

            var old = unmatched[index];
            unmatched.RemoveAt(index);
            var details = Differences(old, line);
            if (details.Count > 0)
            {
                changes.Add(new(ProtocolChangeKind.Changed, line.Title, details));
            }
        }

        changes.AddRange(unmatched.Select(old => new ProtocolChange(ProtocolChangeKind.Removed, old.Title, [Describe(old)])));
        return changes;
    }

    public static IReadOnlyList<ProtocolChange> Compare(ProtocolVersion before, ProtocolVersion after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return Compare(before.Rules.OrderBy(r => r.Position).Select(Line.From), after.Rules.OrderBy(r => r.Position).Select(Line.From));
    }

    private static string Describe(Line line) =>
        $"{RuleText.Days(line.FromDay, line.ToDay)}{(line.Enabled ? "" : " (switched off)")}: {line.Instruction}";

    private static List<string> Differences(Line old, Line now)
    {
        var details = new List<string>();
        if (old.Enabled != now.Enabled)
        {
            details.Add(now.Enabled ? "Switched back on" : "Switched off");
        }

        if (old.FromDay != now.FromDay || old.ToDay != now.ToDay)
        {
            details.Add($"{Capital(RuleText.Days(old.FromDay, old.ToDay))} → {RuleText.Days(now.FromDay, now.ToDay)}");
        }

        if (!SameText(old.Instruction, now.Instruction))
        {
            details.Add($"Instruction: “{old.Instruction.Trim()}” → “{now.Instruction.Trim()}”");
        }

        // The editor shows sources with article titles instead of numbers; that alone is not a change.
        if (!SameText(RuleText.Source(old.Source), RuleText.Source(now.Source)))
        {
            details.Add($"Source: {RuleText.Source(old.Source)} → {RuleText.Source(now.Source)}");
        }

        return details;
    }

    private static bool SameText(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.Ordinal);

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
