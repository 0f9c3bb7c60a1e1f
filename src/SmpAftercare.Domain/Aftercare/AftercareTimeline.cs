namespace SmpAftercare.Domain.Aftercare;

/// <summary>
/// The aftercare a protocol gives one client's sessions. Every rule counts from every session it applies to;
/// on any day an activity is avoided if any rule in force says so (the strictest wins), so a later session
/// re-imposes what an earlier one had lifted.
/// </summary>
public sealed class AftercareTimeline
{
    // One ActiveRule per segment, made once: a day's status reuses them instead of allocating per day.
    private readonly Effects[] _avoid;
    private readonly Effects[] _care;
    private IReadOnlyList<DayStatus>? _days;

    private AftercareTimeline(Protocol protocol, ClinicTimeZone zone, IReadOnlyList<PlacedSession> sessions, Effects[] avoid, Effects[] care)
    {
        Protocol = protocol;
        TimeZone = zone;
        Sessions = sessions;
        _avoid = avoid;
        _care = care;
        Milestones = BuildMilestones(avoid);
        Recommendations = BuildRecommendations(care);
        Warnings = BuildWarnings(sessions);
        Courses = BuildCourses(sessions, Milestones);
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

    /// <summary>
    /// Day by day through the last course (<see cref="Courses"/>): from its first session to its last milestone.
    /// Earlier courses are not walked day by day; pages summarise them.
    /// </summary>
    public IReadOnlyList<DayStatus> Days => _days ??= DaysOf(Courses.Count == 0 ? null : Courses[^1]);

    /// <summary>
    /// The client's treatment courses in time order: sessions belong to one course while each comes at most
    /// <see cref="Course.GapDays"/> after the one before it (a refresh years later starts a new one).
    /// </summary>
    public IReadOnlyList<Course> Courses { get; }

    /// <summary>
    /// The course that matters on a date: the one whose days include it, else the latest that started by then,
    /// else (every course still ahead) the first. Null without sessions.
    /// </summary>
    public Course? CourseOn(DateOnly date)
    {
        if (Courses.Count == 0)
        {
            return null;
        }

        Course? started = null;
        foreach (var course in Courses)
        {
            if (course.FirstDay <= date && date <= course.LastDay)
            {
                return course;
            }

            if (course.FirstDay <= date)
            {
                started = course;
            }
        }

        return started ?? Courses[0];
    }

    /// <summary>Day by day through one course; what a page renders, so its size follows the course, not the client's history.</summary>
    public IReadOnlyList<DayStatus> DaysOf(Course? course)
    {
        if (course is null)
        {
            return [];
        }

        if (_days is not null && Courses[^1] == course)
        {
            return _days;
        }

        var days = new DayStatus[course.LastDay.DayNumber - course.FirstDay.DayNumber + 1];
        DayStatus? previous = null;
        for (var i = 0; i < days.Length; i++)
        {
            previous = days[i] = StatusOn(course.FirstDay.DayNumber + i, previous);
        }

        return days;
    }

    /// <summary>The milestones that fall within a course's days.</summary>
    public IEnumerable<Milestone> MilestonesOf(Course? course) =>
        course is null ? [] : Milestones.Where(m => m.AllowedFrom >= course.FirstDay && m.AllowedFrom <= course.LastDay);

    public static AftercareTimeline Build(Protocol protocol, IEnumerable<TimelineSession> sessions, string timeZoneId) =>
        Build(protocol, sessions, ClinicTimeZone.FromIanaId(timeZoneId));

    public static AftercareTimeline Build(Protocol protocol, IEnumerable<TimelineSession> sessions, ClinicTimeZone zone) =>
        Build(protocol, sessions, zone, []);

    /// <param name="adjustments">
    /// The technician's changes for this client, oldest first: each applies to the rules of its session and every
    /// later one; one whose session is not among <paramref name="sessions"/> applies to none.
    /// </param>
    public static AftercareTimeline Build(Protocol protocol, IEnumerable<TimelineSession> sessions, ClinicTimeZone zone, IReadOnlyList<RuleAdjustment> adjustments)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(adjustments);

        var placed = Place(sessions, protocol, zone);
        var avoid = new List<Interval>[Activity.All.Count];
        var care = new List<Interval>[Activity.All.Count];
        var startOf = placed.ToDictionary(s => s.Id, s => s.StartsAt);
        foreach (var session in placed)
        {
            var day0 = session.Day0.DayNumber;
            var inForce = adjustments.Where(a => startOf.TryGetValue(a.FromSessionId, out var from) && from <= session.StartsAt).ToList();
            var rules = inForce.Count == 0 ? session.Protocol : RuleAdjustment.Apply(session.Protocol, inForce);
            foreach (var rule in rules.Rules)
            {
                if (rule.Anchor == RuleAnchor.FinalSession && !session.IsFinal)
                {
                    continue;
                }

                var target = rule.Kind == RuleKind.Avoid ? avoid : care;
                var interval = new Interval(
                    Math.Min(day0 + rule.Days.From, LastDayNumber),
                    rule.Days.To is { } to ? Math.Min(day0 + to, LastDayNumber) : OpenEnded,
                    rule,
                    session);
                (target[rule.Activity.Order] ??= []).Add(interval);
            }
        }

        return new AftercareTimeline(protocol, zone, placed, Effective(avoid, avoid, care: false), Effective(care, avoid, care: true));
    }

    /// <summary>What holds on a date (any date: before the first session nothing does).</summary>
    public DayStatus For(DateOnly date) => StatusOn(date.DayNumber, previous: null);

    /// <summary>What holds at an instant, on the clinic's calendar.</summary>
    public DayStatus At(DateTimeOffset now) => For(TimeZone.DateOf(now));

    /// <summary>
    /// The first date on or after <paramref name="from"/> on which the activity, and everything it implies, is
    /// allowed; the date itself when it is allowed already, null when it never becomes allowed (an open-ended rule).
    /// </summary>
    public DateOnly? AllowedFrom(Activity activity, DateOnly from)
    {
        var day = from.DayNumber;
        foreach (var run in _avoid[activity.Order].Runs)
        {
            if (run.Start <= day && day <= run.End)
            {
                return run.End == OpenEnded ? null : DateOnly.FromDayNumber(run.End + 1);
            }
        }

        return from;
    }

    /// <summary>The last date the activity is avoided on, counting every session and what it implies; null when never avoided or open-ended.</summary>
    public DateOnly? LastAvoided(Activity activity)
    {
        var runs = _avoid[activity.Order].Runs;
        return runs.Length == 0 || runs[^1].End == OpenEnded ? null : DateOnly.FromDayNumber(runs[^1].End);
    }

    public bool EverAvoids(Activity activity) => _avoid[activity.Order].Runs.Length > 0;

    /// <summary>Each stretch of days a care activity is recommended (only where nothing it implies is avoided), in date order.</summary>
    public IReadOnlyList<CarePeriod> Recommendations { get; }

    private const int OpenEnded = int.MaxValue;

    // Intervals stop one day short of the calendar's end, so "allowed again from" the day after always exists.
    private static readonly int LastDayNumber = DateOnly.MaxValue.DayNumber - 1;

    private readonly record struct Interval(int Start, int End, ProtocolRule Rule, PlacedSession Session);

    /// <summary>Days on which the same rule, session and reason hold; <see cref="Active"/> is what a day shows.</summary>
    private readonly record struct Segment(int Start, int End, ActiveRule Active);

    /// <summary>An unbroken stretch of days; <see cref="Last"/> is the index of its last segment.</summary>
    private readonly record struct Run(int Start, int End, int Last);

    /// <summary>One activity's effective days: segments for what a day shows, runs for when it is allowed again.</summary>
    private sealed record Effects(Segment[] Segments, Run[] Runs)
    {
        public static readonly Effects None = new([], []);
    }

    /// <summary>
    /// Each activity's days once implications are applied: a restriction also holds while anything it implies is
    /// avoided; a recommendation holds only while nothing it implies is avoided. The day axis is cut wherever any
    /// relevant interval starts or ends, so between two cuts one rule, one session and one reason hold.
    /// </summary>
    private static Effects[] Effective(List<Interval>[] own, List<Interval>[] avoid, bool care)
    {
        var result = new Effects[Activity.All.Count];
        foreach (var activity in Activity.All)
        {
            var mine = own[activity.Order];
            var implications = Implication.Of(activity);
            if (activity.IsCare != care || (mine is null && (care || implications.All(i => avoid[i.Implied.Order] is null))))
            {
                result[activity.Order] = Effects.None;
                continue;
            }

            var cuts = new SortedSet<int>();
            AddCuts(cuts, mine);
            foreach (var implication in implications)
            {
                AddCuts(cuts, avoid[implication.Implied.Order]);
            }

            var spans = new List<(int Start, int End, ProtocolRule Rule, PlacedSession Session, Implication? Because)>();
            var points = cuts.ToArray();
            for (var p = 0; p < points.Length; p++)
            {
                var start = points[p];
                var end = p + 1 < points.Length ? points[p + 1] - 1 : OpenEnded;
                var ownRule = Strictest(mine, start);
                Implication? because = null;
                Interval? cause = null;
                foreach (var implication in implications)
                {
                    if (Strictest(avoid[implication.Implied.Order], start) is { } found)
                    {
                        because = implication;
                        cause = found;
                        break;
                    }
                }

                var holds = care ? ownRule is not null && because is null : ownRule is not null || because is not null;
                if (!holds)
                {
                    continue;
                }

                // The activity's own rule names it when in force; otherwise the rule of what it implies does.
                var source = ownRule ?? cause!.Value;
                if (spans.Count > 0 && spans[^1].End + 1 == start && spans[^1].Rule == source.Rule && spans[^1].Session == source.Session && spans[^1].Because == because)
                {
                    spans[^1] = spans[^1] with { End = end };
                }
                else
                {
                    spans.Add((start, end, source.Rule, source.Session, because));
                }
            }

            result[activity.Order] = ToEffects(activity, spans);
        }

        return result;
    }

    private static void AddCuts(SortedSet<int> cuts, List<Interval>? intervals)
    {
        if (intervals is null)
        {
            return;
        }

        foreach (var interval in intervals)
        {
            cuts.Add(interval.Start);
            if (interval.End != OpenEnded)
            {
                cuts.Add(interval.End + 1);
            }
        }
    }

    /// <summary>Of the intervals in force on a day, the one that lasts longest (the latest session on a tie): its text is the one that matters.</summary>
    private static Interval? Strictest(List<Interval>? intervals, int day)
    {
        if (intervals is null)
        {
            return null;
        }

        Interval? best = null;
        foreach (var interval in intervals)
        {
            if (interval.Start <= day && day <= interval.End
                && (best is not { } b || interval.End > b.End || (interval.End == b.End && interval.Session.Number >= b.Session.Number)))
            {
                best = interval;
            }
        }

        return best;
    }

    private static Effects ToEffects(Activity activity, List<(int Start, int End, ProtocolRule Rule, PlacedSession Session, Implication? Because)> spans)
    {
        if (spans.Count == 0)
        {
            return Effects.None;
        }

        var runs = new List<Run>();
        var first = 0;
        for (var i = 1; i <= spans.Count; i++)
        {
            // Adjacent stretches join: a day with no gap between them is no milestone.
            if (i == spans.Count || spans[i].Start != spans[i - 1].End + 1)
            {
                runs.Add(new Run(spans[first].Start, spans[i - 1].End, i - 1));
                first = i;
            }
        }

        var segments = new Segment[spans.Count];
        var r = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            while (runs[r].Last < i)
            {
                r++;
            }

            var lastDay = runs[r].End == OpenEnded ? (DateOnly?)null : DateOnly.FromDayNumber(runs[r].End);
            var span = spans[i];
            segments[i] = new Segment(span.Start, span.End, new ActiveRule(activity, lastDay, span.Rule, span.Session, span.Because));
        }

        return new Effects(segments, [.. runs]);
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

    /// <param name="previous">The day before's status while walking day by day: its lists are reused when nothing changed.</param>
    private DayStatus StatusOn(int day, DayStatus? previous)
    {
        return new DayStatus(
            DateOnly.FromDayNumber(day),
            ActiveOn(_avoid, day, previous?.AvoidArray),
            ActiveOn(_care, day, previous?.RecommendedArray),
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
    private static ActiveRule[] ActiveOn(Effects[] effects, int day, ActiveRule[]? previous)
    {
        var count = 0;
        var same = previous is not null;
        for (var a = 0; a < effects.Length; a++)
        {
            if (SegmentOn(effects[a].Segments, day) is { } found)
            {
                same = same && count < previous!.Length && ReferenceEquals(previous[count], found);
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

        var result = new ActiveRule[count];
        count = 0;
        for (var a = 0; a < effects.Length; a++)
        {
            if (SegmentOn(effects[a].Segments, day) is { } found)
            {
                result[count++] = found;
            }
        }

        return result;
    }

    private static ActiveRule? SegmentOn(Segment[] segments, int day)
    {
        for (var s = 0; s < segments.Length; s++)
        {
            if (segments[s].Start > day)
            {
                break;
            }

            if (day <= segments[s].End)
            {
                return segments[s].Active;
            }
        }

        return null;
    }

    private static List<Milestone> BuildMilestones(Effects[] avoid)
    {
        var milestones = new List<Milestone>();
        for (var a = 0; a < avoid.Length; a++)
        {
            foreach (var run in avoid[a].Runs)
            {
                if (run.End != OpenEnded)
                {
                    var last = avoid[a].Segments[run.Last].Active;
                    milestones.Add(new Milestone(Activity.All[a], DateOnly.FromDayNumber(run.End + 1), last.Session, last.Rule, last.Because));
                }
            }
        }

        milestones.Sort((x, y) => x.AllowedFrom != y.AllowedFrom
            ? x.AllowedFrom.CompareTo(y.AllowedFrom)
            : x.Activity.Order.CompareTo(y.Activity.Order));
        return milestones;
    }

    private static List<CarePeriod> BuildRecommendations(Effects[] care)
    {
        var periods = new List<CarePeriod>();
        for (var a = 0; a < care.Length; a++)
        {
            foreach (var run in care[a].Runs)
            {
                var last = care[a].Segments[run.Last].Active;
                periods.Add(new CarePeriod(Activity.All[a], DateOnly.FromDayNumber(run.Start), last.LastDay, last.Rule, last.Session));
            }
        }

        periods.Sort((x, y) => x.From != y.From ? x.From.CompareTo(y.From) : x.Activity.Order.CompareTo(y.Activity.Order));
        return periods;
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

    private static List<Course> BuildCourses(IReadOnlyList<PlacedSession> sessions, IReadOnlyList<Milestone> milestones)
    {
        var groups = new List<List<PlacedSession>>();
        foreach (var session in sessions)
        {
            if (groups.Count == 0 || session.Day0.DayNumber - groups[^1][^1].Day0.DayNumber > Course.GapDays)
            {
                groups.Add([]);
            }

            groups[^1].Add(session);
        }

        var lastMilestone = new Dictionary<Guid, DateOnly>();
        foreach (var m in milestones)
        {
            lastMilestone[m.Session.Id] = lastMilestone.TryGetValue(m.Session.Id, out var known) && known > m.AllowedFrom ? known : m.AllowedFrom;
        }

        var courses = new List<Course>(groups.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            var last = group[^1].Day0;
            foreach (var session in group)
            {
                if (lastMilestone.TryGetValue(session.Id, out var day) && day > last)
                {
                    last = day;
                }
            }

            // A course ends before the next begins, and a clinic rule of up to ten years never makes a page walk them all.
            if (i + 1 < groups.Count && last >= groups[i + 1][0].Day0)
            {
                last = groups[i + 1][0].Day0.AddDays(-1);
            }

            var cap = group[^1].Day0.DayNumber + Course.MaxDaysAfterLastSession;
            if (last.DayNumber > cap)
            {
                last = DateOnly.FromDayNumber(cap);
            }

            courses.Add(new Course(i + 1, group, group[0].Day0, last));
        }

        return courses;
    }
}
