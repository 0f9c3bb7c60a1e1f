namespace SmpAftercare.Domain.Aftercare;

/// <summary>
/// A technician's change to one client's rules, from one session on: a restriction kept longer or lifted
/// earlier, or a recommendation switched on. An input to the timeline, like the protocol versions: the engine
/// applies it to the rules of that session and every later one.
/// </summary>
/// <param name="Days">For a restriction only the last day counts (it replaces the rule's end); for a recommendation, its days.</param>
/// <param name="ClientNote">What the client reads ("a gentle cleanser is fine from day 4").</param>
public sealed record RuleAdjustment(Guid FromSessionId, Activity Activity, RuleAnchor Anchor, DayRange Days, string ClientNote)
{
    public const string NotePrefix = "Adjusted for you by your technician: ";

    /// <summary>The rules that hold for a session once the adjustments in force for it are applied, in the order given (a later one wins).</summary>
    internal static Protocol Apply(Protocol protocol, IEnumerable<RuleAdjustment> adjustments)
    {
        var rules = protocol.Rules.ToList();
        var changed = false;
        foreach (var adjustment in adjustments)
        {
            changed = true;
            var note = NotePrefix + adjustment.ClientNote;
            if (adjustment.Activity.IsCare)
            {
                rules.RemoveAll(r => r.Activity == adjustment.Activity && r.Anchor == adjustment.Anchor && r.AdjustedNote is not null);
                rules.Add(ProtocolRule.Recommend(adjustment.Activity, adjustment.Anchor, adjustment.Days, adjustment.ClientNote, "Your technician")
                    .AdjustedTo(adjustment.Days, note));
                continue;
            }

            for (var i = 0; i < rules.Count; i++)
            {
                var rule = rules[i];
                if (rule.Activity == adjustment.Activity && rule.Anchor == adjustment.Anchor && rule.Kind == RuleKind.Avoid)
                {
                    var to = Math.Max(adjustment.Days.To ?? rule.Days.From, rule.Days.From);
                    rules[i] = rule.AdjustedTo(DayRange.Create(rule.Days.From, to), note);
                }
            }
        }

        return changed ? Protocol.Create(protocol.Name, rules) : protocol;
    }
}

/// <summary>How far a technician may move a restriction for one client; each clinic sets its own (Clinic.ChangeAdjustmentLimits).</summary>
/// <param name="MaxDaysShorter">How many days before the protocol's last day a restriction may end at most.</param>
/// <param name="MaxDaysLonger">How many days after the protocol's last day a restriction may end at most.</param>
public sealed record AdjustmentLimits(int MaxDaysShorter, int MaxDaysLonger)
{
    /// <summary>
    /// Lifting early is the risky side: beyond two weeks a technician could cut the month-long swimming and sauna
    /// rule to a few days, which is changing the clinic's protocol (the protocol page), not a call for one client.
    /// </summary>
    public const int MostDaysShorter = 14;

    /// <summary>
    /// Keeping a restriction longer is always safer, but a timeline is shown at most a year past its last session
    /// (decision 0009): a restriction kept longer than that would never be seen to lift.
    /// </summary>
    public const int MostDaysLonger = 365;

    /// <summary>Lifting a restriction early is the risky side, so two days; keeping one longer is always safer, up to a month.</summary>
    public static AdjustmentLimits Default { get; } = new(2, 30);

    /// <summary>What is wrong with these limits in words for an owner, or null when a clinic may use them.</summary>
    public static string? ProblemWith(int maxDaysShorter, int maxDaysLonger)
    {
        if (maxDaysShorter is < 0 or > MostDaysShorter)
        {
            return $"A clinic can let technicians lift a restriction between 0 and {MostDaysShorter} days early.";
        }

        return maxDaysLonger is < 0 or > MostDaysLonger
            ? $"A clinic can let technicians keep a restriction between 0 and {MostDaysLonger} days longer."
            : null;
    }

    /// <summary>Why a restriction the protocol holds on days <paramref name="from"/>-<paramref name="end"/> may not end on <paramref name="toDay"/> for one client, or null.</summary>
    public string? Refusal(int from, int end, int toDay)
    {
        if (toDay < end - MaxDaysShorter || toDay < from)
        {
            var earliest = Math.Max(from, end - MaxDaysShorter);
            return MaxDaysShorter == 0
                ? $"The clinic does not allow lifting a restriction early: the last day to avoid can be day {earliest} at the earliest."
                : $"The clinic allows lifting a restriction at most {DaysText(MaxDaysShorter)} early: the last day to avoid can be day {earliest} at the earliest.";
        }

        if (toDay > end + MaxDaysLonger)
        {
            return MaxDaysLonger == 0
                ? $"The clinic does not allow keeping a restriction longer: the last day to avoid can be day {end} at the latest."
                : $"The clinic allows keeping a restriction at most {DaysText(MaxDaysLonger)} longer: the last day to avoid can be day {end + MaxDaysLonger} at the latest.";
        }

        return null;
    }

    /// <summary>"1 day", "2 days": how staff read a number of days.</summary>
    public static string DaysText(int days) => days == 1 ? "1 day" : $"{days} days";
}
