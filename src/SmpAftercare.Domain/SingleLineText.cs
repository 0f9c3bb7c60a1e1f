namespace SmpAftercare.Domain;

/// <summary>
/// Names and addresses that end up in message headers (a reminder's From display name, its To address):
/// a line break there splits the header and the message is refused, so they are one line of printable text.
/// </summary>
public static class SingleLineText
{
    public static bool IsSingleLine(string? value)
    {
        if (value is null)
        {
            return true;
        }

        foreach (var c in value)
        {
            // Control characters (CR, LF, tab, NUL and the C1 range) and the Unicode line and paragraph separators.
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Refuses a value with a line break or another control character, naming the field.</summary>
    public static void Require(string? value, string field)
    {
        if (!IsSingleLine(value))
        {
            throw new Aftercare.DomainException($"The {field} must be one line without control characters (line breaks, tabs).");
        }
    }
}
