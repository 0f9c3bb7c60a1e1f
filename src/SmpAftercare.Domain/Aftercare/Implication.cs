namespace SmpAftercare.Domain.Aftercare;

/// <summary>
/// Doing <see cref="Activity"/> means doing <see cref="Implied"/> too: heavy exercise makes you sweat. An activity
/// is only allowed on a day when everything it implies is allowed as well, and a recommendation only holds on a
/// day when nothing it implies is avoided. docs/aftercare-rules.md gives each line's reading of the sources.
/// </summary>
/// <param name="Instruction">What the client reads on a day the activity waits for the implied one.</param>
public sealed record Implication(Activity Activity, Activity Implied, string Reason, string Instruction)
{
    /// <summary>
    /// The whole table. It is closed under "implies" on purpose (no chains to follow), so every reason names the
    /// real cause in one step; a test keeps it so.
    /// </summary>
    public static IReadOnlyList<Implication> All { get; } =
    [
        new(Activity.Soap, Activity.Wetting,
            "washing with soap or shampoo gets the scalp wet",
            "No soap or shampoo yet: washing gets your scalp wet, and it must stay dry for now."),
        new(Activity.Exercise, Activity.Sweating,
            "heavy exercise makes you sweat",
            "No gym or heavy exercise yet: it makes you sweat, and sweating is still out."),
        new(Activity.Swimming, Activity.Wetting,
            "swimming gets the scalp wet",
            "No swimming yet: it gets your scalp wet, and it must stay dry for now."),
        new(Activity.Swimming, Activity.Sweating,
            "swimming is exercise and makes you sweat",
            "No swimming yet: it makes you sweat, and sweating is still out."),
        new(Activity.Sauna, Activity.Wetting,
            "steam and sweat get the scalp wet",
            "No sauna or steam room yet: steam and sweat get your scalp wet, and it must stay dry for now."),
        new(Activity.Sauna, Activity.Sweating,
            "a sauna or steam room makes you sweat",
            "No sauna or steam room yet: they make you sweat, and sweating is still out."),
        new(Activity.Moisturize, Activity.Products,
            "a moisturiser or oil is a product on the scalp",
            "No moisturiser yet: nothing goes on your scalp for now."),
        new(Activity.Cleanser, Activity.Wetting,
            "cleansing needs water on the scalp",
            "No cleanser yet: it needs water on your scalp, and it must stay dry for now."),
        new(Activity.Sunscreen, Activity.Products,
            "sunscreen is a product on the scalp",
            "No sunscreen yet: nothing goes on your scalp for now."),
    ];

    private static readonly Implication[][] ByActivity = BuildIndex();

    /// <summary>What the activity implies, in the table's order (the first one avoided gives the day's reason).</summary>
    public static IReadOnlyList<Implication> Of(Activity activity) => ByActivity[activity.Order];

    /// <summary>True when doing <paramref name="activity"/> means doing <paramref name="other"/> too.</summary>
    public static bool Implies(Activity activity, Activity other) => Of(activity).Any(i => i.Implied == other);

    private static Implication[][] BuildIndex()
    {
        var index = new Implication[Aftercare.Activity.All.Count][];
        foreach (var activity in Aftercare.Activity.All)
        {
            index[activity.Order] = [.. All.Where(i => i.Activity == activity)];
        }

        return index;
    }
}
