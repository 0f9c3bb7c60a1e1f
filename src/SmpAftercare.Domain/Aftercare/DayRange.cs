namespace SmpAftercare.Domain.Aftercare;

/// <summary>Days counted from a session (day 0 is the session's local calendar date), both ends inclusive.</summary>
public readonly record struct DayRange
{
    /// <summary>Ten years: far beyond any aftercare rule, and keeps date arithmetic clear of overflow.</summary>
    public const int MaxDay = 3650;

    private DayRange(int from, int? to)
    {
        From = from;
        To = to;
    }

    public int From { get; }

    /// <summary>Last day the rule is in force; null means open-ended ("from day 30 onwards").</summary>
    public int? To { get; }

    public bool IsOpenEnded => To is null;

    public static DayRange Days(int from, int to) => Create(from, to);

    public static DayRange Day(int day) => Create(day, day);

    public static DayRange Onwards(int from) => Create(from, null);

    public static DayRange Create(int from, int? to)
    {
        if (from is < 0 or > MaxDay)
        {
            throw new DomainException($"A rule must start between day 0 and day {MaxDay}; got day {from}.");
        }

        if (to is { } end && end < from)
        {
            throw new DomainException($"A rule cannot end (day {end}) before it starts (day {from}).");
        }

        if (to > MaxDay)
        {
            throw new DomainException($"A rule must end by day {MaxDay}; got day {to}. Leave the end empty for an open-ended rule.");
        }

        return new DayRange(from, to);
    }

    public override string ToString() => To switch
    {
        null => $"day {From} onwards",
        var end when end == From => $"day {From}",
        var end => $"days {From}-{end}",
    };
}
