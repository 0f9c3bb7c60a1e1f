using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.CheckIns;

/// <summary>Whether what the client sees is part of healing or something the clinic must hear about now.</summary>
public enum SignVerdict
{
    Normal,
    Warning,
}

/// <summary>
/// The plain answer to one sign on one healing day. <see cref="SourceIds"/> name the articles in
/// docs/aftercare-rules.md the answer rests on: for review, never shown to the client.
/// </summary>
public sealed record SignAnswer(HealingSign Sign, SignVerdict Verdict, string Answer, IReadOnlyList<string> SourceIds);

/// <summary>
/// Something a client can tick at a check-in. <see cref="Offered"/> is the part of healing in which the choice is
/// worth showing (a sign that cannot happen yet only confuses); outside <see cref="NormalOn"/> a sign the sources call
/// normal becomes a warning, because it has lasted longer than they say it should.
/// </summary>
public sealed record HealingSign(
    string Code,
    string Label,
    DayRange Offered,
    DayRange? NormalOn,
    string NormalAnswer,
    string LateAnswer,
    IReadOnlyList<string> SourceIds)
{
    public bool IsOfferedOn(int day) => day >= Offered.From && (Offered.To is null || day <= Offered.To);

    public SignAnswer On(int day)
    {
        var normal = NormalOn is { } range && day >= range.From && (range.To is null || day <= range.To);
        return normal
            ? new SignAnswer(this, SignVerdict.Normal, NormalAnswer.Replace("{day}", day.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), SourceIds)
            : new SignAnswer(this, SignVerdict.Warning, LateAnswer, SourceIds);
    }
}

/// <summary>
/// The signs a client can report, with what the source articles say about each by healing day
/// (/work/shared/aftercare-sources.md, summarised in docs/aftercare-rules.md). Day 0 is the session's day.
/// Codes are stored with each check-in: never rename one, add a new code instead.
/// </summary>
public static class HealingSigns
{
    /// <summary>What every warning tells the client to do, in the words of the source (001).</summary>
    public const string WarningAction =
        "Stop using every product on your scalp and call the clinic now. If you can't reach them, see a doctor today.";

    private const string CallUs = "This has gone on longer than usual healing does, so the clinic wants to look at it. " + WarningAction;

    public static readonly HealingSign AllGood = new(
        "fine", "It looks and feels fine", DayRange.Onwards(0), DayRange.Onwards(0),
        "Good to hear. Keep following today's aftercare below.", "", ["004"]);

    public static readonly HealingSign Redness = new(
        "redness", "Redness", DayRange.Days(0, 14), DayRange.Days(0, 5),
        "Redness on day {day} is normal: it usually fades within a day and can last 3 to 5 days. Keep hot water off your scalp; a cool pack for a few minutes helps.",
        CallUs, ["000", "004", "001"]);

    public static readonly HealingSign Soreness = new(
        "soreness", "Soreness or tenderness", DayRange.Days(0, 14), DayRange.Days(0, 4),
        "Some soreness on day {day} is normal while the skin settles. Don't touch or rub the area.",
        CallUs, ["003", "004"]);

    public static readonly HealingSign SmallScabs = new(
        "scabs", "Small scabs or dots of crust", DayRange.Days(1, 21), DayRange.Days(1, 10),
        "Small scabs on day {day} are normal: they are part of healing. Let them fall off on their own; don't pick or scratch.",
        CallUs, ["000", "004", "001", "003"]);

    public static readonly HealingSign Dryness = new(
        "dryness", "Dryness or tightness", DayRange.Days(1, 30), DayRange.Days(1, 30),
        "Dryness on day {day} is normal while soap is paused. Keep the scalp moist with a light moisturiser without alcohol, if your clinic has said you may.",
        CallUs, ["002"]);

    public static readonly HealingSign Flaking = new(
        "flaking", "Flaking", DayRange.Days(2, 30), DayRange.Days(2, 30),
        "Flaking on day {day} is normal: let it fall off, don't pick.",
        CallUs, ["002"]);

    public static readonly HealingSign MildItching = new(
        "itching", "A little itching", DayRange.Days(2, 30), DayRange.Days(2, 14),
        "A little itching on day {day} is normal as the skin heals. Don't scratch: a clean, light touch of your moisturiser can calm it.",
        CallUs, ["002", "004", "001"]);

    public static readonly HealingSign Swelling = new(
        "swelling", "Swelling", DayRange.Onwards(0), null,
        "", "Swelling needs the clinic's eyes now. " + WarningAction, ["001", "003"]);

    public static readonly HealingSign Allergy = new(
        "allergy", "Strong itching, a rash, hives or burning", DayRange.Onwards(0), null,
        "", "This can be an allergic reaction. " + WarningAction, ["001"]);

    public static readonly HealingSign Bumps = new(
        "bumps", "Lumps or bumps under the skin", DayRange.Onwards(7), null,
        "", "Small lumps that appear weeks after a session can be cysts, and the clinic should see them. Don't squeeze them. Call the clinic.", ["003"]);

    public static readonly HealingSign Worried = new(
        "other", "Something else worries me", DayRange.Onwards(0), null,
        "", "Tell the clinic what you see. If it is getting worse, " + char.ToLowerInvariant(WarningAction[0]) + WarningAction[1..], ["001"]);

    public static readonly IReadOnlyList<HealingSign> All =
        [AllGood, Redness, Soreness, SmallScabs, Dryness, Flaking, MildItching, Swelling, Allergy, Bumps, Worried];

    public static HealingSign? Find(string? code) => All.FirstOrDefault(s => string.Equals(s.Code, code, StringComparison.Ordinal));

    /// <summary>The choices that fit the healing day, in the order a client reads them.</summary>
    public static IReadOnlyList<HealingSign> OfferedOn(int day) => [.. All.Where(s => s.IsOfferedOn(day))];
}
