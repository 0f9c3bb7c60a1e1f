using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.Reminders;

/// <summary>
/// The local hours a clinic lets reminders go out (its quiet hours are the rest of the day), on the clinic's
/// calendar. Daylight-saving changes move the instants, never the local times.
/// </summary>
public sealed class SendingWindow
{
    public SendingWindow(TimeOnly start, TimeOnly end, ClinicTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (end <= start)
        {
            throw new DomainException("Reminders need a sending window that ends after it starts (for example 09:00-20:00).");
        }

        Start = start;
        End = end;
        Zone = zone;
    }

    public TimeOnly Start { get; }

    public TimeOnly End { get; }

    public ClinicTimeZone Zone { get; }

    public DateOnly Today(DateTimeOffset now) => Zone.DateOf(now);

    /// <summary>Whether a message may go out at this instant (start inclusive, end exclusive).</summary>
    public bool IsOpen(DateTimeOffset now)
    {
        var local = TimeOnly.FromDateTime(Zone.ToLocal(now));
        return local >= Start && local < End;
    }

    /// <summary>
    /// The instant the window opens on a local date. When the clocks skip the start time (a spring-forward
    /// night with a window starting in the gap) it opens at the first local minute that exists after it.
    /// </summary>
    public DateTimeOffset OpensOn(DateOnly date)
    {
        var local = date.ToDateTime(Start);
        // DST gaps are at most a few hours long; 24 h of minutes is a generous, terminating bound.
        for (var i = 0; i < 24 * 60; i++)
        {
            if (Zone.TryToInstant(local.AddMinutes(i), out var instant))
            {
                return instant;
            }
        }

        throw new DomainException($"{date:yyyy-MM-dd} {Start:HH:mm} cannot be placed in {Zone.Id}.");
    }

    /// <summary>The next instant at or after <paramref name="now"/> when the window is open.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset now)
    {
        if (IsOpen(now))
        {
            return now;
        }

        var today = Today(now);
        var opensToday = OpensOn(today);
        return opensToday > now ? opensToday : OpensOn(today.AddDays(1));
    }
}
