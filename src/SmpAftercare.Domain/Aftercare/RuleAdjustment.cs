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

/// <summary>How far a technician may move a restriction for one client; the clinic decides.</summary>
public sealed record AdjustmentLimits(int MaxDaysShorter, int MaxDaysLonger)
{
    /// <summary>Lifting a restriction early is the risky side, so two days; keeping one longer is always safer, up to a month.</summary>
    public static AdjustmentLimits Default { get; } = new(2, 30);
}
