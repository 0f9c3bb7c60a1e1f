namespace SmpAftercare.Domain.Aftercare;

/// <summary>
/// A treatment session as the engine sees it: when it started, whether it was the final one and, when it was
/// logged under a protocol version other than the timeline's, that version (its rules count from this session).
/// </summary>
public sealed record TimelineSession(Guid Id, DateTimeOffset StartsAt, bool IsFinal, Protocol? Protocol = null);

/// <summary>A session placed on the timeline: its number in order and its day 0 in the clinic's zone.</summary>
public sealed record PlacedSession(Guid Id, int Number, DateTimeOffset StartsAt, DateTime LocalStart, DateOnly Day0, bool IsFinal, Protocol Protocol)
{
    /// <summary>"1st", "2nd", "3rd" ... for client-facing text.</summary>
    public string Ordinal => Number.ToOrdinal();
}

internal static class OrdinalExtensions
{
    public static string ToOrdinal(this int n)
    {
        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        };
        return $"{n}{suffix}";
    }
}
