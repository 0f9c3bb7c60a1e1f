using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.CheckIns;

namespace SmpAftercare.Domain.Reminders;

/// <summary>An activity still avoided on the day a reminder is about, and the first day it is allowed (null: not for now).</summary>
public sealed record StillAvoided(Activity Activity, DateOnly? AllowedFrom);

/// <summary>
/// One message the plan calls for, before it is addressed to a channel.
/// </summary>
/// <param name="AnnouncedDate">The day the message is about: the milestone day, or the date of the planned session.</param>
/// <param name="SendByDate">The last local date on which the message still makes sense; after it the reminder is skipped.</param>
/// <param name="DueAt">When it goes out: the clinic's sending window opening on the day it is sent.</param>
/// <param name="Lifted">Restrictions that end that day (milestone reminders).</param>
/// <param name="StillAvoided">What is still restricted that day, so the client is not misled by the good news.</param>
/// <param name="Starting">Care advice that begins that day (sunscreen when the sun restriction ends).</param>
public sealed record PlannedReminder(
    ReminderKind Kind,
    DateOnly AnnouncedDate,
    DateOnly SendByDate,
    DateTimeOffset DueAt,
    IReadOnlyList<Activity> Lifted,
    IReadOnlyList<StillAvoided> StillAvoided,
    IReadOnlyList<ProtocolRule> Starting)
{
    /// <summary>The key that makes a reminder unique per client and channel: replanning finds the same row again.</summary>
    public (ReminderKind Kind, DateOnly AnnouncedDate) Key => (Kind, AnnouncedDate);
}

/// <summary>
/// Turns a client's timeline into the reminders they should get: one message on each morning a switched-on
/// restriction lifts (all of that day's changes together), one the day before a planned next session, and one on
/// each of the clinic's check-in days.
/// Only days from today on are planned; the past is history, not plan.
/// </summary>
public static class ReminderPlanner
{
    /// <summary>Nothing is planned further ahead than the furthest session a person may log plus the longest rule.</summary>
    private const int Horizon = Clients.DateBounds.SessionDaysAhead + DayRange.MaxDay + 1;

    public static IReadOnlyList<PlannedReminder> Plan(
        AftercareTimeline timeline,
        DateOnly? plannedNextSession,
        IReadOnlyCollection<Activity> enabledMilestones,
        bool nextSessionReminders,
        SendingWindow window,
        DateTimeOffset now,
        CheckInSchedule? checkIns = null)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(enabledMilestones);
        ArgumentNullException.ThrowIfNull(window);

        var today = window.Today(now);
        var plan = new List<PlannedReminder>();
        // A planned date saved before dates had bounds (year 1, year 9999) means nothing; it is not planned around.
        if (plannedNextSession is { } planned && !Clients.DateBounds.IsUsablePlannedDate(planned, today))
        {
            plannedNextSession = null;
        }

        // A planned session re-imposes the restrictions, so "from today you can ..." on or after it would be
        // wrong; those milestones are planned again from the real session once it is logged.
        var lastMilestoneDay = plannedNextSession is { } next && next >= today ? next.AddDays(-1) : today.AddDays(Horizon);

        foreach (var day in timeline.Milestones
                     .Where(m => enabledMilestones.Contains(m.Activity) && m.AllowedFrom >= today && m.AllowedFrom <= lastMilestoneDay)
                     .GroupBy(m => m.AllowedFrom))
        {
            var date = day.Key;
            var status = timeline.For(date);
            var before = timeline.For(date.AddDays(-1));
            var lifted = day.Select(m => m.Activity).Distinct().OrderBy(a => a.Order).ToList();
            var still = status.Avoid.OrderBy(a => a.Activity.Order).Select(a => new StillAvoided(a.Activity, a.AllowedFrom)).ToList();
            var starting = status.Recommended.Where(r => !before.Recommends(r.Activity)).Select(r => r.Rule).ToList();
            plan.Add(new PlannedReminder(ReminderKind.Milestone, date, date, window.OpensOn(date), lifted, still, starting));
        }

        if (nextSessionReminders && plannedNextSession is { } session && session > today
            && !timeline.Sessions.Any(s => s.Day0 == session))
        {
            var sendOn = session.AddDays(-1);
            plan.Add(new PlannedReminder(ReminderKind.NextSession, session, sendOn, window.OpensOn(sendOn), [], [], []));
        }

        // A planned session restarts healing: a check-in on or after it would ask about the wrong session.
        foreach (var day in (checkIns ?? CheckInSchedule.None).Days(timeline)
                     .Where(d => d.Date >= today && (plannedNextSession is not { } planned || planned < today || d.Date < planned)))
        {
            plan.Add(new PlannedReminder(ReminderKind.CheckIn, day.Date, day.Date, window.OpensOn(day.Date), [], [], []));
        }

        return [.. plan.OrderBy(p => p.DueAt).ThenBy(p => p.Kind)];
    }
}
