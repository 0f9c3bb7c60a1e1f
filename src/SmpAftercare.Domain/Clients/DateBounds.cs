using System.Globalization;
using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.Clients;

/// <summary>
/// How far from today a date a person or a booking system enters may be. Outside these bounds a date is almost
/// always a mistyped year, and the engine has nothing sensible to say about it (docs/decisions/0009-engine-implications-and-bounds.md).
/// </summary>
public static class DateBounds
{
    /// <summary>A session is booked months ahead at most; a year covers any booking system's horizon.</summary>
    public const int SessionDaysAhead = 365;

    /// <summary>
    /// Every aftercare rule with an end is over within 30 days of the final session; a session logged more than a
    /// year late has no aftercare left to guide, and older treatment history belongs in the client's notes.
    /// </summary>
    public const int SessionDaysBack = 365;

    /// <summary>A planned next session is from today on and within the same year-long booking horizon.</summary>
    public const int PlannedDaysAhead = 365;

    /// <summary>Why a session date cannot be logged, or null when it can.</summary>
    public static string? SessionDateProblem(DateOnly date, DateOnly today)
    {
        if (date.DayNumber - today.DayNumber > SessionDaysAhead)
        {
            return $"{Spelled(date)} is more than a year ahead: check the year. Sessions can be logged up to {Spelled(today.AddDays(SessionDaysAhead))}.";
        }

        if (today.DayNumber - date.DayNumber > SessionDaysBack)
        {
            return $"{Spelled(date)} is more than a year ago: check the year. Sessions from {Spelled(today.AddDays(-SessionDaysBack))} on can be logged; " +
                   "older treatment belongs in the client's notes.";
        }

        return null;
    }

    /// <summary>Why a planned next session date cannot be kept, or null when it can.</summary>
    public static string? PlannedNextSessionProblem(DateOnly date, DateOnly today)
    {
        if (date < today)
        {
            return $"The planned next session ({Spelled(date)}) is in the past: pick a date from today on, or leave it empty.";
        }

        if (date.DayNumber - today.DayNumber > PlannedDaysAhead)
        {
            return $"{Spelled(date)} is more than a year ahead: check the year. Plan up to {Spelled(today.AddDays(PlannedDaysAhead))}.";
        }

        return null;
    }

    /// <summary>True when a planned date is one the reminders can use (bad dates saved before these bounds are ignored).</summary>
    public static bool IsUsablePlannedDate(DateOnly date, DateOnly today) => PlannedNextSessionProblem(date, today) is null;

    /// <summary>
    /// The domain's own guard for a session's start, in UTC: the bounds plus a day, since the forms check the
    /// clinic's calendar date, which can be a day either side of UTC's.
    /// </summary>
    public static void EnsurePlausibleSessionStart(DateTimeOffset start, DateTime nowUtc)
    {
        var days = (start.UtcDateTime - nowUtc).TotalDays;
        if (days > SessionDaysAhead + 1 || days < -(SessionDaysBack + 1))
        {
            throw new DomainException(
                $"A session on {Spelled(DateOnly.FromDateTime(start.UtcDateTime))} is more than a year from today: check the year.");
        }
    }

    private static string Spelled(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
