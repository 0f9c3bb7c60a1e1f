namespace SmpAftercare.Domain.Aftercare;

/// <summary>
/// The aftercare a protocol gives one client's sessions. Every rule counts from every session it applies to;
/// on any day an activity is avoided if any rule in force says so (the strictest wins), so a later session
/// re-imposes what an earlier one had lifted.
/// </summary>
public sealed class AftercareTimeline
{
    private readonly Run[][] _avoidRuns;
    private readonly Run[][] _careRuns;

    // One ActiveRule per run, made once: a day's status reuses them instead of allocating per day.
    private ActiveRule[][]? _avoidActive;
    private ActiveRule[][]? _careActive;
    private IReadOnlyList<DayStatus>? _days;

    private AftercareTimeline(Protocol protocol, ClinicTimeZone zone, IReadOnlyList<PlacedSession> sessions, Run[][] avoidRuns, Run[][] careRuns)
    {
        Protocol = protocol;
        TimeZone = zone;
        Sessions = sessions;
        _avoidRuns = avoidRuns;
        _careRuns = careRuns;
        Milestones = BuildMilestones(avoidRuns);
        Warnings = BuildWarnings(sessions);
    }

    /// <summary>The protocol for sessions that do not carry their own version.</summary>
    public Protocol Protocol { get; }

    public ClinicTimeZone TimeZone { get; }

    /// <summary>The sessions in time order, numbered from 1.</summary>
    public IReadOnlyList<PlacedSession> Sessions { get; }

    /// <summary>Every date an activity becomes allowed again, in date order.</summary>
    public IReadOnlyList<Milestone> Milestones { get; }

    public IReadOnlyList<SpacingWarning> Warnings { get; }

    /// <summary>The spacing warnings a session takes part in: too soon after the one before it, or the one after too soon.</summary>
    public IEnumerable<SpacingWarning> WarningsFor(Guid sessionId) =>
        Warnings.Where(w => w.Next.Id == sessionId || w.Previous.Id == sessionId);

    public DateOnly? FirstDay => Sessions.Count == 0 ? null : Sessions[0].Day0;

    /// <summary>The last day the timeline needs to show: the last milestone or the last session, whichever is later.</summary>
    public DateOnly? LastDay
    {
        get
        {
            if (Sessions.Count == 0)
            {
                return null;
            }

            var last = Sessions[^1].Day0;
            return Milestones.Count > 0 && Milestones[^1].AllowedFrom > last ? Milestones[^1].AllowedFrom : last;
        }
    }

    /// <summary>Day by day from the first session to <see cref="LastDay"/>.</summary>
    public IReadOnlyList<DayStatus> Days => _days ??= BuildDays();

    public static AftercareTimeline Build(Protocol protocol, IEnumerable<TimelineSession> sessions, string timeZoneId) =>
        Build(protocol, sessions, ClinicTimeZone.FromIanaId(timeZoneId));

    public static AftercareTimeline Build(Protocol protocol, IEnumerable<TimelineSession> sessions, ClinicTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(zone);

        var placed = Place(sessions, protocol, zone);
        var avoid = new List<Interval>[Activity.All.Count];
        var care = new List<Interval>[Activity.All.Count];
        foreach (var session in placed)
        {
            var day0 = session.Day0.DayNumber;
            foreach (var rule in session.Protocol.Rules)
            {
                if (rule.Anchor == RuleAnchor.FinalSession && !session.IsFinal)
                {
                    continue;
                }

                var target = rule.Kind == RuleKind.Avoid ? avoid : care;
                var interval = new Interval(day0 + rule.Days.From, rule.Days.To is { } to ? day0 + to : OpenEnded, rule, session);
                (target[rule.Activity.Order] ??= []).Add(interval);
            }
        }

        return new AftercareTimeline(protocol, zone, placed, Merge(avoid), Merge(care));
    }

    /// <summary>What holds on a date (any date: before the first session nothing does).</summary>
    public DayStatus For(DateOnly date) => StatusOn(date.DayNumber, previous: null);

    /// <summary>What holds at an instant, on the clinic's calendar.</summary>
    public DayStatus At(DateTimeOffset now) => For(TimeZone.DateOf(now));

    /// <summary>
    /// The first date on or after <paramref name="from"/> on which the activity is not avoided; the date
    /// itself when it is allowed already, null when it never becomes allowed (an open-ended rule).
    /// </summary>
    public DateOnly? AllowedFrom(Activity activity, DateOnly from)
    {
        var day = from.DayNumber;
        foreach (var run in _avoidRuns[activity.Order])
        {
            if (run.Start <= day && day <= run.End)
            {
                return run.End == OpenEnded ? null : DateOnly.FromDayNumber(run.End + 1);
            }
        }

        return from;
    }

    /// <summary>The last date the activity is avoided on, counting every session; null when never avoided or open-ended.</summary>
    public DateOnly? LastAvoided(Activity activity)
    {
        var runs = _avoidRuns[activity.Order];
        return runs.Length == 0 || runs[^1].End == OpenEnded ? null : DateOnly.FromDayNumber(runs[^1].End);
    }

    public bool EverAvoids(Activity activity) => _avoidRuns[activity.Order].Length > 0;

    private const int OpenEnded = int.MaxValue;

    private readonly record struct Interval(int Start, int End, ProtocolRule Rule, PlacedSession Session);

    /// <summary>An unbroken stretch of days; Rule and Session are those of the interval that ends it.</summary>
    private readonly record struct Run(int Start, int End, ProtocolRule Rule, PlacedSession Session)
    {
        public ActiveRule ToActive(Activity activity) =>
            new(activity, End == OpenEnded ? null : DateOnly.FromDayNumber(End), Rule, Session);
    }

    private static List<PlacedSession> Place(IEnumerable<TimelineSession> sessions, Protocol protocol, ClinicTimeZone zone)
    {
        var ordered = sessions.ToList();
        if (ordered.Any(s => s is null))
        {
            throw new DomainException("A session is missing.");
        }

        ordered.Sort((a, b) => a.StartsAt.CompareTo(b.StartsAt));
        var placed = new List<PlacedSession>(ordered.Count);
        var ids = new HashSet<Guid>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var s = ordered[i];
            if (!ids.Add(s.Id))
            {
                throw new DomainException($"Session {s.Id} appears twice.");
            }

            var local = zone.ToLocal(s.StartsAt);
            if (i > 0)
            {
                var previous = placed[i - 1];
                if (previous.StartsAt == s.StartsAt)
                {
                    throw new DomainException($"Two sessions start at the same moment ({local:yyyy-MM-dd HH:mm}).");
                }

                if (previous.IsFinal)
                {
                    throw new DomainException(
                        $"The session on {local:yyyy-MM-dd HH:mm} comes after the final session on {previous.LocalStart:yyyy-MM-dd HH:mm}. " +
                        "Only the last session can be final.");
                }
            }

            placed.Add(new PlacedSession(s.Id, i + 1, s.StartsAt, local, DateOnly.FromDateTime(local), s.IsFinal, s.Protocol ?? protocol));
        }

        return placed;
    }

    private static Run[][] Merge(List<Interval>[] byActivity)
    {
        var result = new Run[byActivity.Length][];
        for (var a = 0; a < byActivity.Length; a++)
        {
            var intervals = byActivity[a];
            if (intervals is null)
            {
                result[a] = [];
                continue;
            }

            intervals.Sort((x, y) => x.Start.CompareTo(y.Start));
            var runs = new List<Run>();
            var current = new Run(intervals[0].Start, intervals[0].End, intervals[0].Rule, intervals[0].Session);
            for (var i = 1; i < intervals.Count; i++)
            {
                var next = intervals[i];
                // Adjacent stretches join: a day with no gap between them is no milestone.
                if (current.End != OpenEnded && next.Start > current.End + 1)
                {
                    runs.Add(current);
                    current = new Run(next.Start, next.End, next.Rule, next.Session);
                }
                else if (next.End > current.End || (next.End == current.End && next.Session.Number > current.Session.Number))
                {
                    current = current with { End = next.End, Rule = next.Rule, Session = next.Session };
                }
            }

            runs.Add(current);
            result[a] = [.. runs];
        }

        return result;
    }

    private static ActiveRule[][] Activate(Run[][] runsByActivity)
    {
        var result = new ActiveRule[runsByActivity.Length][];
        for (var a = 0; a < runsByActivity.Length; a++)
        {
            var runs = runsByActivity[a];
            result[a] = new ActiveRule[runs.Length];
            for (var r = 0; r < runs.Length; r++)
            {
                result[a][r] = runs[r].ToActive(Activity.All[a]);
            }
        }

        return result;
    }

    /// <param name="previous">The day before's status while walking day by day: its lists are reused when nothing changed.</param>
    private DayStatus StatusOn(int day, DayStatus? previous)
    {
        _avoidActive ??= Activate(_avoidRuns);
        _careActive ??= Activate(_careRuns);
        return new DayStatus(
            DateOnly.FromDayNumber(day),
            ActiveOn(_avoidRuns, _avoidActive, day, previous?.AvoidArray),
            ActiveOn(_careRuns, _careActive, day, previous?.RecommendedArray),
            SessionDaysOn(day));
    }

    private SessionDay[] SessionDaysOn(int day)
    {
        var held = 0;
        while (held < Sessions.Count && Sessions[held].Day0.DayNumber <= day)
        {
            held++;
        }

        if (held == 0)
        {
            return [];
        }

        var result = new SessionDay[held];
        for (var i = 0; i < held; i++)
        {
            var session = Sessions[held - 1 - i];
            result[i] = new SessionDay(session, day - session.Day0.DayNumber);
        }

        return result;
    }

    // Most days hold the same rules as the day before; sharing that day's array keeps a long timeline's
    // day list from allocating one per day (docs/performance.md).
    private static ActiveRule[] ActiveOn(Run[][] runsByActivity, ActiveRule[][] active, int day, ActiveRule[]? previous)
    {
        var count = 0;
        var same = previous is not null;
        for (var a = 0; a < runsByActivity.Length; a++)
        {
            var r = RunIndexOn(runsByActivity[a], day);
            if (r >= 0)
            {
                same = same && count < previous!.Length && ReferenceEquals(previous[count], active[a][r]);
                count++;
            }
        }

        if (same && count == previous!.Length)
        {
            return previous;
        }

        if (count == 0)
        {
            return [];
        }

        var found = new ActiveRule[count];
        count = 0;
        for (var a = 0; a < runsByActivity.Length; a++)
        {
            var r = RunIndexOn(runsByActivity[a], day);
            if (r >= 0)
            {
                found[count++] = active[a][r];
            }
        }

        return found;
    }

    private static int RunIndexOn(Run[] runs, int day)
    {
        for (var r = 0; r < runs.Length; r++)
        {
            if (runs[r].Start > day)
            {
                break;
            }

            if (day <= runs[r].End)
            {
                return r;
            }
        }

        return -1;
    }

    private static List<Milestone> BuildMilestones(Run[][] avoidRuns)
    {
        var milestones = new List<Milestone>();
        for (var a = 0; a < avoidRuns.Length; a++)
        {
            foreach (var run in avoidRuns[a])
            {
                if (run.End != OpenEnded)
                {
                    milestones.Add(new Milestone(Activity.All[a], DateOnly.FromDayNumber(run.End + 1), run.Session, run.Rule));
                }
            }
        }

        milestones.Sort((x, y) => x.AllowedFrom != y.AllowedFrom
            ? x.AllowedFrom.CompareTo(y.AllowedFrom)
            : x.Activity.Order.CompareTo(y.Activity.Order));
        return milestones;
    }

    private static List<SpacingWarning> BuildWarnings(IReadOnlyList<PlacedSession> sessions)
    {
        var warnings = new List<SpacingWarning>();
        for (var i = 1; i < sessions.Count; i++)
        {
            var apart = sessions[i].Day0.DayNumber - sessions[i - 1].Day0.DayNumber;
            if (apart < SpacingWarning.MinimumDays)
            {
                warnings.Add(new SpacingWarning(sessions[i - 1], sessions[i], apart));
            }
        }

        return warnings;
    }

    private DayStatus[] BuildDays()
    {
        if (FirstDay is not { } first || LastDay is not { } last)
        {
            return [];
        }

        var days = new DayStatus[last.DayNumber - first.DayNumber + 1];
        DayStatus? previous = null;
        for (var i = 0; i < days.Length; i++)
        {
            previous = days[i] = StatusOn(first.DayNumber + i, previous);
        }

        return days;
    }
}
