namespace SmpAftercare.Domain;

internal static class TextExtensions
{
    /// <summary>Optional free text as stored: trimmed, and null when there is nothing in it.</summary>
    public static string? TrimmedOrNull(this string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
