using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.Tests.Aftercare;

/// <summary>
/// Random clinic protocols and session sets (seeded, so a failure repeats): whatever the input, the answers every
/// surface reads must agree with each other day by day.
/// </summary>
public class TimelinePropertyTests
{
    private static readonly string[] Zones = ["Europe/London", "America/Los_Angeles", "Pacific/Auckland", "Asia/Kolkata"];

    [Theory]
    [InlineData(20261203)]
    [InlineData(7)]
    [InlineData(424242)]
    public void RandomProtocolsAndSessions_AllowedActivitiesHaveEverythingTheyImplyAllowed(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 60; round++)
        {
            var protocol = RandomProtocol(random);
            var zone = ClinicTimeZone.FromIanaId(Zones[random.Next(Zones.Length)]);
            var sessions = RandomSessions(random, zone);
            var timeline = AftercareTimeline.Build(protocol, sessions, zone, RandomAdjustments(random, sessions));
            Check(timeline, $"seed {seed}, round {round}");
        }
    }

    private static void Check(AftercareTimeline timeline, string label)
    {
        var first = timeline.FirstDay!.Value.AddDays(-3);
        var last = timeline.LastDay!.Value.AddDays(3);
        var days = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(i => timeline.For(first.AddDays(i))).ToList();
        var restrictions = Activity.All.Where(a => !a.IsCare).ToList();

        for (var d = 0; d < days.Count; d++)
        {
            var day = days[d];
            Assert.True(Contradiction.On(day).Count == 0, $"{label}, {day.Date}: {string.Join("; ", Contradiction.On(day).Select(c => c.Message))}");
            foreach (var activity in restrictions)
            {
                if (!day.Avoids(activity))
                {
                    foreach (var implication in Implication.Of(activity))
                    {
                        Assert.False(day.Avoids(implication.Implied), $"{label}, {day.Date}: {activity.Code} allowed while {implication.Implied.Code} is avoided");
                    }
                }

                // "Allowed again from" is the first day of the day-by-day list on which the activity is allowed.
                var expected = days.Skip(d).FirstOrDefault(x => !x.Avoids(activity))?.Date;
                var answer = timeline.AllowedFrom(activity, day.Date);
                if (expected is not null)
                {
                    Assert.True(expected == answer, $"{label}, {day.Date}: {activity.Code} allowed from {answer}, the days say {expected}");
                }
                else
                {
                    // Still avoided after the last milestone: only an open-ended rule does that.
                    Assert.Null(answer);
                }

                if (day.Avoid.FirstOrDefault(a => a.Activity == activity) is { } shown)
                {
                    Assert.Equal(answer, shown.AllowedFrom);
                }

                // A milestone exactly where the days switch from avoided to allowed.
                var lifted = d > 0 && days[d - 1].Avoids(activity) && !day.Avoids(activity);
                Assert.True(lifted == timeline.Milestones.Any(m => m.Activity == activity && m.AllowedFrom == day.Date),
                    $"{label}, {day.Date}: {activity.Code} milestone disagrees with the days");
            }

            foreach (var care in day.Recommended)
            {
                Assert.All(Implication.Of(care.Activity), i => Assert.False(day.Avoids(i.Implied), $"{label}, {day.Date}: {care.Activity.Code} recommended while {i.Implied.Code} is avoided"));
                Assert.Contains(timeline.Recommendations, p => p.Activity == care.Activity && p.From <= day.Date && (p.To is null || day.Date <= p.To));
            }
        }
    }

    private static Protocol RandomProtocol(Random random)
    {
        var rules = new List<ProtocolRule>();
        foreach (var activity in Activity.All)
        {
            var count = random.Next(0, 3);
            for (var i = 0; i < count; i++)
            {
                var anchor = random.Next(3) == 0 ? RuleAnchor.FinalSession : RuleAnchor.EverySession;
                var from = random.Next(0, 5);
                int? to = random.Next(12) == 0 && activity.IsCare ? null : from + random.Next(0, 30);
                rules.Add(ProtocolRule.Create(activity, activity.IsCare ? RuleKind.Recommend : RuleKind.Avoid, anchor,
                    DayRange.Create(from, to), $"Clinic text {i} for {activity.Code}.", "random"));
            }
        }

        if (rules.Count == 0)
        {
            rules.Add(ProtocolRule.Avoid(Activity.Wetting, RuleAnchor.EverySession, DayRange.Days(0, 3), "Dry.", "random"));
        }

        return Protocol.Create("Random", rules);
    }

    /// <summary>A technician's changes from random sessions: restrictions moved, recommendations (the cleanser among them) switched on.</summary>
    private static List<RuleAdjustment> RandomAdjustments(Random random, List<TimelineSession> sessions)
    {
        var adjustments = new List<RuleAdjustment>();
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            var activity = Activity.All[random.Next(Activity.All.Count)];
            var anchor = random.Next(3) == 0 ? RuleAnchor.FinalSession : RuleAnchor.EverySession;
            var from = random.Next(0, 6);
            adjustments.Add(new RuleAdjustment(sessions[random.Next(sessions.Count)].Id, activity, anchor,
                DayRange.Days(from, from + random.Next(0, 35)), $"random change {i}."));
        }

        return adjustments;
    }

    private static List<TimelineSession> RandomSessions(Random random, ClinicTimeZone zone)
    {
        var count = random.Next(1, 5);
        var local = new DateTime(2026, 1, 5, 9, 0, 0).AddDays(random.Next(0, 300));
        var sessions = new List<TimelineSession>();
        for (var i = 0; i < count; i++)
        {
            var final = i == count - 1 && random.Next(2) == 0;
            sessions.Add(new TimelineSession(Guid.NewGuid(), zone.ToInstant(local.AddHours(random.Next(0, 12))), final));
            local = local.AddDays(random.Next(1, 40));
        }

        return sessions;
    }
}
