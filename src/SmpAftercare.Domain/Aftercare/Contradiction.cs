namespace SmpAftercare.Domain.Aftercare;

/// <summary>
/// Two things a day shows that a client cannot both follow. An instruction about an activity may take for granted
/// what the activity implies ("no soap: rinse with warm water only" takes wetting for granted), so the pairs are
/// the implication table read as text: the activity's own instruction or recommendation against a restriction on
/// something it implies. The timeline never produces one; pages and tests can ask.
/// </summary>
public sealed record Contradiction(ActiveRule Shown, ActiveRule Against)
{
    public string Message =>
        $"\"{Shown.Instruction}\" ({Shown.Activity.Code}) takes {Against.Activity.Code} for granted, but \"{Against.Instruction}\" holds the same day.";

    /// <summary>Every contradiction on a day: an own instruction or recommendation shown while something it implies is avoided.</summary>
    public static IReadOnlyList<Contradiction> On(DayStatus day)
    {
        ArgumentNullException.ThrowIfNull(day);
        var found = new List<Contradiction>();
        foreach (var shown in day.Avoid.Where(a => a.Because is null).Concat(day.Recommended))
        {
            foreach (var implication in Implication.Of(shown.Activity))
            {
                if (day.Avoid.FirstOrDefault(a => a.Activity == implication.Implied) is { } against)
                {
                    found.Add(new Contradiction(shown, against));
                }
            }
        }

        return found;
    }
}
