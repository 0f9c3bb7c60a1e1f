using System.Globalization;
using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.Calendar;

/// <summary>An event that takes a whole day on the reader's own calendar (no time, no time zone).</summary>
/// <param name="Uid">Stable across downloads, so a calendar app updates the event instead of adding a copy.</param>
public sealed record AllDayEvent(string Uid, DateOnly Date, string Summary, string? Description = null);

/// <summary>
/// A client's milestones as calendar events: one all-day event per date, naming everything allowed again that
/// day. Shared by the client link's calendar file and anything else that hands out the same dates.
/// </summary>
public static class MilestoneCalendar
{
    /// <summary>Short names for joining several activities in one title ("Swimming and sauna are OK again").</summary>
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.Ordinal)
    {
        [Activity.Wetting.Code] = "Water on your scalp",
        [Activity.Soap.Code] = "Washing with soap",
        [Activity.Products.Code] = "Creams and products",
        [Activity.Shaving.Code] = "Shaving",
        [Activity.Touching.Code] = "Touching your scalp",
        [Activity.Sweating.Code] = "Sweating",
        [Activity.Exercise.Code] = "Heavy exercise",
        [Activity.Swimming.Code] = "Swimming",
        [Activity.Sauna.Code] = "Sauna",
        [Activity.Sun.Code] = "Direct sun",
    };

    /// <param name="today">The clinic's date today: earlier milestones are over and would only clutter the calendar.</param>
    public static IReadOnlyList<AllDayEvent> Events(AftercareTimeline timeline, Guid clientId, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var events = new List<AllDayEvent>();
        foreach (var day in timeline.Milestones.Where(m => m.AllowedFrom >= today).GroupBy(m => m.AllowedFrom).OrderBy(g => g.Key))
        {
            List<Activity> lifted = [.. day.Select(m => m.Activity).Distinct().OrderBy(a => a.Order)];
            events.Add(new AllDayEvent(Uid(clientId, day.Key), day.Key, Title(lifted), string.Join("\n", lifted.Select(a => a.AllowedAgain + "."))));
        }

        return events;
    }

    /// <summary>One event per client and date, whatever the date holds: a recalculated timeline updates it in place.</summary>
    public static string Uid(Guid clientId, DateOnly date) =>
        $"{clientId:N}-{date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}@smpaftercare";

    public static string Title(IReadOnlyList<Activity> activities)
    {
        ArgumentNullException.ThrowIfNull(activities);
        if (activities.Count == 0)
        {
            throw new DomainException("A milestone event names at least one activity.");
        }

        if (activities.Count == 1)
        {
            return activities[0].AllowedAgain;
        }

        var names = activities.Select((a, i) =>
        {
            var name = ShortNames.GetValueOrDefault(a.Code, a.Name);
            return i == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
        }).ToList();
        return $"{string.Join(", ", names[..^1])} and {names[^1]} are OK again";
    }
}
