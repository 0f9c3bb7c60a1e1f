using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Web.Features.Clients;

/// <summary>
/// What the client page's timeline chart draws: one row per activity, one column per day, each unbroken
/// stretch of a restriction (or recommendation) as one bar. Made from the engine's day-by-day answers, so the
/// chart can never say something the client's page does not.
/// </summary>
public sealed class TimelineChart
{
    private TimelineChart(DateOnly first, int dayCount, IReadOnlyList<ChartRow> rows, IReadOnlyList<ChartMarker> sessions, int? today)
    {
        First = first;
        DayCount = dayCount;
        Rows = rows;
        Sessions = sessions;
        TodayIndex = today;
    }

    public DateOnly First { get; }

    public int DayCount { get; }

    public DateOnly Last => First.AddDays(DayCount - 1);

    public IReadOnlyList<ChartRow> Rows { get; }

    /// <summary>Session days inside the drawn range.</summary>
    public IReadOnlyList<ChartMarker> Sessions { get; }

    /// <summary>Today's column, or null when today is outside the drawn range.</summary>
    public int? TodayIndex { get; }

    public DateOnly DateAt(int index) => First.AddDays(index);

    /// <summary>The chart of <paramref name="days"/> (consecutive, as the timeline lists them).</summary>
    public static TimelineChart For(IReadOnlyList<DayStatus> days, IEnumerable<PlacedSession> sessions, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(sessions);
        if (days.Count == 0)
        {
            return new TimelineChart(today, 0, [], [], null);
        }

        var first = days[0].Date;
        var rows = new List<ChartRow>();
        foreach (var activity in Activity.All)
        {
            var bars = new List<ChartBar>();
            var start = -1;
            ActiveRule? rule = null;
            for (var i = 0; i <= days.Count; i++)
            {
                var holding = i < days.Count ? Holding(days[i], activity) : null;
                if (holding is not null && start < 0)
                {
                    start = i;
                }

                if (holding is null && start >= 0)
                {
                    // The rule of the stretch's last day says when it really ends (it may run past the drawn range).
                    bars.Add(new ChartBar(start, i - start, first.AddDays(start), rule!.LastDay, activity.IsCare));
                    start = -1;
                }

                rule = holding ?? rule;
            }

            if (bars.Count > 0)
            {
                rows.Add(new ChartRow(activity, bars));
            }
        }

        var markers = sessions
            .Where(s => s.Day0 >= first && s.Day0 <= days[^1].Date)
            .Select(s => new ChartMarker(s.Day0.DayNumber - first.DayNumber, s.Number, s.Day0, s.IsFinal))
            .ToList();
        int? todayIndex = today >= first && today <= days[^1].Date ? today.DayNumber - first.DayNumber : null;
        return new TimelineChart(first, days.Count, rows, markers, todayIndex);
    }

    private static ActiveRule? Holding(DayStatus day, Activity activity)
    {
        var list = activity.IsCare ? day.Recommended : day.Avoid;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Activity == activity)
            {
                return list[i];
            }
        }

        return null;
    }
}

public sealed record ChartRow(Activity Activity, IReadOnlyList<ChartBar> Bars);

/// <param name="Start">First column of the bar.</param>
/// <param name="Length">Columns it covers inside the drawn range.</param>
/// <param name="LastDay">The stretch's real last day (past the drawn range if it goes on); null when it never ends.</param>
public sealed record ChartBar(int Start, int Length, DateOnly From, DateOnly? LastDay, bool IsCare);

public sealed record ChartMarker(int Index, int Number, DateOnly Date, bool IsFinal);
