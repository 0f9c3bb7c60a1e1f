namespace SmpAftercare.Domain.Aftercare;

/// <summary>An activity avoided (or recommended) on a given day, and until when the combined rules keep it so.</summary>
/// <param name="LastDay">Last day of the unbroken run that contains the day, implications included; null when open-ended.</param>
/// <param name="Rule">
/// The rule in force that day: the activity's own (the one lasting longest), or, when it has none, the rule of the
/// implied activity that holds it back.
/// </param>
/// <param name="Session">The session that rule counts from.</param>
/// <param name="Because">
/// Set when something the activity implies is avoided that day (no gym while sweating is out). The activity's own
/// instruction is then not shown: it may take the implied activity for granted ("rinse with warm water").
/// </param>
public sealed record ActiveRule(Activity Activity, DateOnly? LastDay, ProtocolRule Rule, PlacedSession Session, Implication? Because = null)
{
    /// <summary>The first day after the run; null when the rule never lifts.</summary>
    public DateOnly? AllowedFrom => LastDay?.AddDays(1);

    /// <summary>What the client reads for this activity that day.</summary>
    public string Instruction => Because?.Instruction ?? Rule.Instruction;
}

/// <summary>The date an avoided activity becomes allowed again, and the session whose rule held it until then.</summary>
/// <param name="Because">Set when the last day before it was held by an implied activity (gym waits for sweating).</param>
public sealed record Milestone(Activity Activity, DateOnly AllowedFrom, PlacedSession Session, ProtocolRule Rule, Implication? Because = null);

/// <summary>A course of treatment: sessions close enough together that their aftercare runs as one.</summary>
/// <param name="LastDay">Its last milestone, or its last session when later; never on or after the next course's first day.</param>
public sealed record Course(int Number, IReadOnlyList<PlacedSession> Sessions, DateOnly FirstDay, DateOnly LastDay)
{
    /// <summary>
    /// Sessions further apart than this start a new course. The sources put sessions 7-14 days apart and judge the
    /// result after a month (001); a refresh comes after years (003). Three months separates the two comfortably.
    /// </summary>
    public const int GapDays = 90;

    /// <summary>The longest stretch a course's day list runs past its last session: the longest default rule (30 days) with room to spare.</summary>
    public const int MaxDaysAfterLastSession = 366;
}

/// <summary>An unbroken stretch of days a care activity is recommended; <paramref name="To"/> is null when it lasts for good.</summary>
public sealed record CarePeriod(Activity Activity, DateOnly From, DateOnly? To, ProtocolRule Rule, PlacedSession Session);

/// <summary>A session that comes before the skin has healed from the previous one.</summary>
public sealed record SpacingWarning(PlacedSession Previous, PlacedSession Next, int DaysApart)
{
    public const int MinimumDays = 7;

    public string Message =>
        $"Session {Next.Number} on {Next.Day0:ddd d MMM yyyy} comes {DaysApart} day{(DaysApart == 1 ? "" : "s")} after session " +
        $"{Previous.Number} on {Previous.Day0:ddd d MMM yyyy}: the skin needs at least {MinimumDays} days to heal between sessions.";
}

/// <summary>Day n since a session (day 0 is the session date).</summary>
public readonly record struct SessionDay(PlacedSession Session, int Day);

public enum Phase
{
    BeforeTreatment,
    KeepDry,
    WaterOnly,
    Healing,
    ProtectFromSun,
    TakeItEasy,
    Healed,
}

public static class PhaseText
{
    public static string Name(this Phase phase) => phase switch
    {
        Phase.BeforeTreatment => "Before treatment",
        Phase.KeepDry => "Keep it dry",
        Phase.WaterOnly => "Water only",
        Phase.Healing => "Healing",
        Phase.ProtectFromSun => "Protect from sun",
        Phase.TakeItEasy => "Take it easy",
        Phase.Healed => "Healed",
        _ => throw new ArgumentOutOfRangeException(nameof(phase)),
    };
}

/// <summary>Everything that holds on one calendar date.</summary>
public sealed class DayStatus
{
    internal DayStatus(DateOnly date, ActiveRule[] avoid, ActiveRule[] recommended, SessionDay[] sessionDays)
    {
        Date = date;
        AvoidArray = avoid;
        RecommendedArray = recommended;
        SessionDays = sessionDays;
        Phase = PhaseOf(sessionDays.Length == 0, avoid);
    }

    public DateOnly Date { get; }

    public IReadOnlyList<ActiveRule> Avoid => AvoidArray;

    public IReadOnlyList<ActiveRule> Recommended => RecommendedArray;

    // Arrays, possibly shared with the neighbouring days (see AftercareTimeline.ActiveOn): only read-only views go out.
    internal ActiveRule[] AvoidArray { get; }

    internal ActiveRule[] RecommendedArray { get; }

    /// <summary>The day number since each session held on or before this date, latest session first.</summary>
    public IReadOnlyList<SessionDay> SessionDays { get; }

    /// <summary>Day number since the most recent session, or null before the first session.</summary>
    public SessionDay? Latest => SessionDays.Count == 0 ? null : SessionDays[0];

    public Phase Phase { get; }

    public bool Avoids(Activity activity) => Avoid.Any(a => a.Activity == activity);

    public bool Recommends(Activity activity) => Recommended.Any(a => a.Activity == activity);

    private static readonly int WettingBits = 1 << Activity.Wetting.Order;
    private static readonly int SoapBits = 1 << Activity.Soap.Order;
    private static readonly int HealingBits =
        (1 << Activity.Products.Order) | (1 << Activity.Shaving.Order) | (1 << Activity.Touching.Order) | (1 << Activity.Sweating.Order);
    private static readonly int SunBits = 1 << Activity.Sun.Order;

    private static Phase PhaseOf(bool beforeTreatment, ActiveRule[] avoid)
    {
        if (beforeTreatment)
        {
            return Phase.BeforeTreatment;
        }

        var mask = 0;
        foreach (var a in avoid)
        {
            mask |= 1 << a.Activity.Order;
        }

        // The phase names the strictest thing in force, in the order a healing scalp gets its freedoms back.
        if ((mask & WettingBits) != 0)
        {
            return Phase.KeepDry;
        }

        if ((mask & SoapBits) != 0)
        {
            return Phase.WaterOnly;
        }

        if ((mask & HealingBits) != 0)
        {
            return Phase.Healing;
        }

        if ((mask & SunBits) != 0)
        {
            return Phase.ProtectFromSun;
        }

        return avoid.Length > 0 ? Phase.TakeItEasy : Phase.Healed;
    }
}
