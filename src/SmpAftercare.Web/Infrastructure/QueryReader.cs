using System.Globalization;

namespace SmpAftercare.Web.Infrastructure;

/// <summary>
/// Reads a list page's query string by hand: a value the framework cannot convert (page=abc, client=not-a-guid)
/// would be an exception and a 500. The first value that cannot be read becomes <see cref="Problem"/>.
/// </summary>
public sealed class QueryReader
{
    public string? Problem { get; private set; }

    /// <summary>A page number; missing is page 1, a number past the last page is clamped by the list itself.</summary>
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
            return int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? page : int.MaxValue;
        }

        Problem ??= $"The page number in the address ('{text}') is not a number.";
        return 1;
    }

    public bool Flag(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }

        Problem ??= $"'{name}' in the address is '{text}': it can only be true or false.";
        return false;
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
}
