namespace SmpAftercare.Domain.Aftercare;

/// <summary>
/// An activity whose own rules would let it back earlier than the engine does, because something it implies is
/// still avoided (a clinic lets the gym back on day 3, but sweating is out until day 7).
/// </summary>
/// <param name="AfterFinalSession">False: after a session that is not the final one; true: after the final session.</param>
/// <param name="OwnAllowedFromDay">When the activity's own rules end (0: it has none in this case).</param>
/// <param name="EffectiveAllowedFromDay">When it is really allowed again; null when never (an open-ended rule).</param>
public sealed record ImplicationOverride(Activity Activity, bool AfterFinalSession, int OwnAllowedFromDay, int? EffectiveAllowedFromDay, Implication Because);

/// <summary>What a protocol means once implications are applied, for the people who write it.</summary>
public static class ProtocolEffects
{
    // Any date far from the calendar's ends: only day numbers come out.
    private static readonly DateTimeOffset Day0 = new(2000, 1, 3, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Every activity, after a non-final and after the final session, whose implications move its "allowed again" later.</summary>
    public static IReadOnlyList<ImplicationOverride> Overrides(Protocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var found = new List<ImplicationOverride>();
        foreach (var final in new[] { false, true })
        {
            var full = Single(protocol, final);
            foreach (var activity in Activity.All.Where(a => !a.IsCare && Implication.Of(a).Count > 0))
            {
                var own = protocol.Rules.Where(r => r.Activity == activity).ToList();
                var ownDay = own.Count == 0 ? 0 : AllowedFromDay(Single(Protocol.Create(protocol.Name, own), final), activity);
                var effective = AllowedFromDay(full, activity);
                if (effective == ownDay || (ownDay is null))
                {
                    continue;
                }

                var because = Implication.Of(activity).FirstOrDefault(i => AllowedFromDay(full, i.Implied) == effective);
                if (because is not null)
                {
                    found.Add(new ImplicationOverride(activity, final, ownDay!.Value, effective, because));
                }
            }
        }

        return found;
    }

    private static AftercareTimeline Single(Protocol protocol, bool final) =>
        AftercareTimeline.Build(protocol, [new TimelineSession(Guid.Empty, Day0, final)], ClinicTimeZone.Utc);

    /// <summary>The day after the last avoided day; 0 when never avoided, null when never allowed again.</summary>
    private static int? AllowedFromDay(AftercareTimeline timeline, Activity activity)
    {
        if (!timeline.EverAvoids(activity))
        {
            return 0;
        }

        return timeline.LastAvoided(activity) is { } last ? last.DayNumber - DateOnly.FromDateTime(Day0.UtcDateTime).DayNumber + 1 : null;
    }
}
