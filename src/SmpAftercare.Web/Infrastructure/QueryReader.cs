using System.Globalization;

namespace SmpAftercare.Web.Infrastructure;

/// <summary>
/// Reads a list page's query string by hand: a value the framework cannot convert (page=abc, client=not-a-guid)
/// would be an exception and a 500. The first value that cannot be read becomes <see cref="Problem"/>, a sentence
/// the page shows instead of the list (docs/decisions/0012-list-addresses-and-activity-log.md).
/// </summary>
public sealed class QueryReader
{
    /// <summary>Pages past this are all "far past the end": page × page size must stay a valid number.</summary>
    public const int MaxPage = 1_000_000;

    public string? Problem { get; private set; }

    /// <summary>A page number, 1 for the first; missing is page 1, a number past the last page is clamped by the list itself.</summary>
    public int Page(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 1;
        }

        var trimmed = text.Trim();
        if (trimmed.All(char.IsAsciiDigit))
        {
            // Too many digits for an int is still a page far past the end, not a mistake worth refusing.
            return int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? Math.Clamp(page, 1, MaxPage) : MaxPage;
        }

        Problem ??= trimmed.StartsWith('-') && trimmed.Skip(1).All(char.IsAsciiDigit) && trimmed.Length > 1
            ? $"The page number in the address ('{text}') is below 1: pages start at 1."
            : $"The page number in the address ('{text}') is not a number.";
        return 1;
    }

    /// <summary>A yes/no switch: true/false as the page writes it, and what a checkbox or a person might type (on, 1, yes).</summary>
    public bool Flag(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "1" or "on" or "yes":
                return true;
            case "false" or "0" or "off" or "no":
                return false;
            default:
                Problem ??= $"'{name}' in the address is '{text}': it can only be true or false.";
                return false;
        }
    }

    public Guid? Id(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Guid.TryParse(text.Trim(), out var id))
        {
            return id;
        }

        Problem ??= $"The {what} in the address ('{text}') is not one this list can show.";
        return null;
    }

    /// <summary>One of a few words (a tab, a channel); missing is null.</summary>
    public string? Choice(string? text, string what, params (string Key, string Label)[] choices)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var key = text.Trim();
        if (choices.FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase)) is { Key: not null } found)
        {
            return found.Key;
        }

        Problem ??= $"The {what} in the address ('{text}') is not one this list knows: choose {string.Join(", ", choices.Select(c => c.Label))}.";
        return null;
    }

    /// <summary>A day (2026-03-02); missing is null.</summary>
    public DateOnly? Date(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Problem ??= $"The {what} in the address ('{text}') is not a date like 2026-03-02.";
        return null;
    }
}
