using System.Globalization;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Web.Infrastructure;

/// <summary>Dates and times written the clinic's way (its locale, its time zone).</summary>
public sealed class ClinicFormat(Clinic clinic)
{
    public CultureInfo Culture { get; } = clinic.Culture;

    /// <summary>"Sat 21 Mar" (en-GB) / "Sat, Mar 21" (en-US).</summary>
    public string DayMonth(DateOnly date) => date.ToString(Culture.Name == "en-US" ? "ddd, MMM d" : "ddd d MMM", Culture);

    /// <summary>"Saturday 21 March 2026".</summary>
    public string FullDate(DateOnly date) => date.ToString("D", Culture);

    public string DayName(DateOnly date) => date.ToString("dddd", Culture);

    public string LocalDateTime(DateTimeOffset instant) => clinic.TimeZone.ToLocal(instant).ToString("g", Culture);

    public string LocalDateTime(DateTime utc) => LocalDateTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}
