using System.Globalization;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.ClientLink;

/// <summary>How the client's page words dates and days: the clinic's locale, counted from the clinic's today.</summary>
public sealed class ClientDates(ClinicFormat format, DateOnly today)
{
    public DateOnly Today { get; } = today;

    public ClinicFormat Format { get; } = format;

    /// <summary>"Friday 6 March" (en-GB) / "Friday, March 6" (en-US); the year only when it is not this year's.</summary>
    public string Spelled(DateOnly date)
    {
        var us = Format.Culture.Name == "en-US";
        var pattern = date.Year == Today.Year ? (us ? "dddd, MMMM d" : "dddd d MMMM") : (us ? "dddd, MMMM d, yyyy" : "dddd d MMMM yyyy");
        return date.ToString(pattern, Format.Culture);
    }

    public string Brief(DateOnly date) => Format.DayMonth(date);

    /// <summary>"today", "tomorrow", "in 5 days", "yesterday", "3 days ago".</summary>
    public string Relative(DateOnly date) => (date.DayNumber - Today.DayNumber) switch
    {
        0 => "today",
        1 => "tomorrow",
        -1 => "yesterday",
        > 1 and var n => string.Create(CultureInfo.InvariantCulture, $"in {n} days"),
        var n => string.Create(CultureInfo.InvariantCulture, $"{-n} days ago"),
    };

    /// <summary>The headline's second half: what the phase asks of the client, in a few words.</summary>
    public static string PhaseAdvice(Phase phase) => phase switch
    {
        Phase.BeforeTreatment => "nothing to do yet",
        Phase.KeepDry => "keep it dry",
        Phase.WaterOnly => "warm water only, no soap",
        Phase.Healing => "let it heal",
        Phase.ProtectFromSun => "keep it out of the sun",
        Phase.TakeItEasy => "take it easy",
        Phase.Healed => "you're healed",
        _ => phase.Name(),
    };
}
