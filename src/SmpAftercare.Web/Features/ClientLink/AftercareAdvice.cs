namespace SmpAftercare.Web.Features.ClientLink;

/// <summary>
/// What is normal while the scalp heals and what is a warning sign, worded once for the client's page and the
/// printed sheet. Sources (shared/aftercare-sources.md): redness usually gone in 24 h, can last 3-5 days, scabs
/// and flaking while healing (000, 004, 001, 002); itching, swelling or allergy: stop the product and call the
/// clinic or a doctor at once (001).
/// </summary>
public static class AftercareAdvice
{
    public const string NormalTitle = "Redness is normal.";

    public const string Normal =
        "It usually fades within 24 hours and can last 3 to 5 days. Small scabs, dryness and some flaking are part of healing: let them fall off on their own.";

    public const string WarningTitle = "Itching, swelling or an allergic reaction?";

    public const string Warning = "Stop using any product on your scalp and call the clinic, or a doctor, at once.";
}
