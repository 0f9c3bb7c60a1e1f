namespace SmpAftercare.Web.Features.Audit;

/// <summary>
/// An edit's audit text: each changed field with its value before and after, in the words the page uses
/// ("Reminder hours: 09:00 to 20:00 → 08:30 to 18:00"), so the activity log reads without a key.
/// </summary>
public static class AuditChanges
{
    /// <summary>Longest text an audit row keeps (the column's limit); a longer list of changes is cut with an ellipsis.</summary>
    public const int MaxLength = 1000;

    /// <summary>The fields whose value differs, "Label: before → after" joined by "; "; null when nothing changed.</summary>
    /// <param name="unquoted">Fields whose change is named without the values (health notes: the log is not a second copy of them).</param>
    public static string? Between(IReadOnlyList<(string Label, string Value)> before, IReadOnlyList<(string Label, string Value)> after, params string[] unquoted)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.ToDictionary(b => b.Label, b => b.Value, StringComparer.Ordinal);
        var changed = after
            .Where(a => !old.TryGetValue(a.Label, out var was) || !string.Equals(was, a.Value, StringComparison.Ordinal))
            .Select(a => unquoted.Contains(a.Label, StringComparer.Ordinal)
                ? $"{a.Label} changed"
                : $"{a.Label}: {Short(old.TryGetValue(a.Label, out var was) ? was : "none")} → {Short(a.Value)}")
            .ToList();
        if (changed.Count == 0)
        {
            return null;
        }

        return Cut(string.Join("; ", changed));
    }

    /// <summary>Text cut to what an audit row keeps.</summary>
    public static string Cut(string text) => text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";

    /// <summary>A value on one line; a long one (a message template) as its start, which is enough to recognise it.</summary>
    private static string Short(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 80 ? line : line[..79] + "…";
    }

    /// <summary>An optional value as a person reads it.</summary>
    public static string OrNone(string? value) => string.IsNullOrWhiteSpace(value) ? "none" : value.Trim();
}
