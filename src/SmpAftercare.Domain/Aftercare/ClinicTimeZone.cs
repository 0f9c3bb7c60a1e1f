namespace SmpAftercare.Domain.Aftercare;

/// <summary>A clinic's IANA time zone: it decides which calendar date a session (and "today") falls on.</summary>
public sealed class ClinicTimeZone
{
    private ClinicTimeZone(TimeZoneInfo zone)
    {
        Zone = zone;
    }

    public TimeZoneInfo Zone { get; }

    public string Id => Zone.Id;

    public static ClinicTimeZone Utc { get; } = new(TimeZoneInfo.Utc);

    public static ClinicTimeZone FromIanaId(string? ianaId) =>
        TryFromIanaId(ianaId, out var zone)
            ? zone
            : throw new DomainException($"'{ianaId}' is not a known IANA time zone (for example Europe/London or America/New_York).");

    public static bool TryFromIanaId(string? ianaId, out ClinicTimeZone zone)
    {
        zone = null!;
        if (string.IsNullOrWhiteSpace(ianaId))
        {
            return false;
        }

        var id = ianaId.Trim();
        if (Known.TryGetValue(id, out var known))
        {
            zone = known;
            return true;
        }

        try
        {
            var found = TimeZoneInfo.FindSystemTimeZoneById(id);
            // Windows ids ("Pacific Standard Time") are converted silently by .NET; the product speaks IANA only.
            if (!found.HasIanaId)
            {
                return false;
            }

            zone = Known.GetOrAdd(id, new ClinicTimeZone(found));
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    // Every request asks for its clinic's zone, and TimeZoneInfo's own lookup takes a process-wide lock; a zone never
    // changes while the process runs. Only ids TimeZoneInfo accepted are kept (trimmed, exactly as written), so the
    // cache answers as the lookup would and stays as small as the ids clinics use.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ClinicTimeZone> Known = new(StringComparer.Ordinal);

    /// <summary>
    /// The wall-clock time of an instant here. Within a day of the calendar's ends (year 1, year 9999) the local time
    /// may not exist on the calendar at all; the UTC time stands in, so a stored date from a bad import still shows.
    /// </summary>
    public DateTime ToLocal(DateTimeOffset instant)
    {
        if (instant.UtcDateTime < EdgeLow || instant.UtcDateTime > EdgeHigh)
        {
            return instant.UtcDateTime;
        }

        return TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
    }

    // No zone is more than 14 hours from UTC; two days leave room for any offset.
    private static readonly DateTime EdgeLow = DateTime.MinValue.AddDays(2);
    private static readonly DateTime EdgeHigh = DateTime.MaxValue.AddDays(-2);

    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant));

    /// <summary>
    /// The instant of a wall-clock time in this zone. A time skipped by a DST change does not exist and is
    /// refused; a repeated one takes its first occurrence (the earlier instant).
    /// </summary>
    public DateTimeOffset ToInstant(DateTime localDateTime) =>
        TryToInstant(localDateTime, out var instant)
            ? instant
            : throw new DomainException($"{localDateTime:yyyy-MM-dd HH:mm} does not exist in {Id}: the clocks skip it.");

    public bool TryToInstant(DateTime localDateTime, out DateTimeOffset instant)
    {
        var local = DateTime.SpecifyKind(localDateTime, DateTimeKind.Unspecified);
        // Near the calendar's ends the instant may fall outside it; callers check dates against sensible bounds first.
        if (local < EdgeLow || local > EdgeHigh || Zone.IsInvalidTime(local))
        {
            instant = default;
            return false;
        }

        var offset = Zone.IsAmbiguousTime(local)
            ? Zone.GetAmbiguousTimeOffsets(local).Max()
            : Zone.GetUtcOffset(local);
        instant = new DateTimeOffset(local, offset);
        return true;
    }
}
