namespace SmpAftercare.Domain.Aftercare;

/// <summary>
/// The default SMP aftercare protocol. Day ranges are inclusive; each rule's source names the article in
/// shared/seeds (by its number) and docs/aftercare-rules.md explains how ambiguous sources were read.
/// </summary>
public static class DefaultProtocol
{
    public const string Name = "Standard SMP aftercare";

    public static Protocol Smp { get; } = Protocol.Create(Name,
    [
        // 002: "do not get the scalp wet for at least 3 days"; 004: no shower over the area days 1-4. Day 0-3 dry.
        ProtocolRule.Avoid(Activity.Wetting, RuleAnchor.EverySession, DayRange.Days(0, 3),
            "Keep your scalp completely dry: no showers over the head, no washing, no rain.",
            "002 (dry for at least 3 days), 004 (no shower over the area, days 1-4)"),

        // 002: warm water only for another 5-7 days after day 3; the stricter reading ends on day 9.
        ProtocolRule.Avoid(Activity.Soap, RuleAnchor.EverySession, DayRange.Days(0, 9),
            "No soap, shampoo or conditioner on your scalp: rinse with warm water only.",
            "002 (warm water only for 5-7 days after day 3, stricter reading), 001"),

        // 004: nothing on the scalp in the first 24 hours.
        ProtocolRule.Avoid(Activity.Products, RuleAnchor.EverySession, DayRange.Day(0),
            "Put nothing on your scalp today: no ointments, creams or make-up.",
            "004 (no products or ointments in the first 24 h), 001"),

        // 004 and 001: do not shave until day 5.
        ProtocolRule.Avoid(Activity.Shaving, RuleAnchor.EverySession, DayRange.Days(0, 4),
            "Do not shave your head yet.",
            "004, 001 (no shaving until day 5)"),

        ProtocolRule.Avoid(Activity.Touching, RuleAnchor.EverySession, DayRange.Days(0, 6),
            "Do not touch, rub or scratch your scalp (clean hands or a cotton bud only when cleansing).",
            "004, 001 (until healed, about 7 days)"),

        ProtocolRule.Avoid(Activity.Sweating, RuleAnchor.EverySession, DayRange.Days(0, 6),
            "Avoid anything that makes you sweat.",
            "004, 001 (avoid excess sweating while healing)"),

        ProtocolRule.Avoid(Activity.Sun, RuleAnchor.EverySession, DayRange.Days(0, 6),
            "Keep out of direct sun; wear a loose hat outdoors.",
            "004, 000, 001 (no direct sun while healing)"),

        ProtocolRule.Avoid(Activity.Swimming, RuleAnchor.EverySession, DayRange.Days(0, 13),
            "No swimming pools, sea or hot tubs.",
            "004 (no swimming while healing; one month after the final session)"),

        ProtocolRule.Avoid(Activity.Sauna, RuleAnchor.EverySession, DayRange.Days(0, 13),
            "No sauna or steam room.",
            "004 (no sauna or steam while healing; one month after the final session)"),

        ProtocolRule.Avoid(Activity.Exercise, RuleAnchor.FinalSession, DayRange.Days(0, 13),
            "No heavy exercise or gym.",
            "004 (no heavy exercise for 14 days after the final session)"),

        ProtocolRule.Avoid(Activity.Swimming, RuleAnchor.FinalSession, DayRange.Days(0, 29),
            "No swimming for a month after your final session.",
            "004 (avoid swimming for one month after the final session)"),

        ProtocolRule.Avoid(Activity.Sauna, RuleAnchor.FinalSession, DayRange.Days(0, 29),
            "No sauna or steam room for a month after your final session.",
            "004 (avoid sauna and steam room for one month after the final session)"),

        ProtocolRule.Avoid(Activity.Sun, RuleAnchor.FinalSession, DayRange.Days(0, 29),
            "Keep out of direct sun for 30 days after your final session; wear a hat.",
            "004, 001 (30 days out of direct sun after the final session)"),

        ProtocolRule.Recommend(Activity.Moisturize, RuleAnchor.EverySession, DayRange.Days(1, 13),
            "Keep your scalp moist with a light, alcohol-free moisturiser.",
            "002 (keep the scalp moist while healing), 004 (balm from 24 h)"),

        ProtocolRule.Recommend(Activity.Sunscreen, RuleAnchor.FinalSession, DayRange.Onwards(30),
            "Use sunscreen and a matte moisturiser on your scalp whenever you are in the sun.",
            "004, 000 (sunscreen after 30 days, for good)"),
    ]);
}
