using BenchmarkDotNet.Attributes;
using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Benchmarks;

/// <summary>The engine on clients with 1, 3 and 10 sessions: build, milestones, and the full day-by-day list.</summary>
[MemoryDiagnoser]
public class TimelineBenchmarks
{
    private static readonly ClinicTimeZone Zone = ClinicTimeZone.FromIanaId("Europe/London");
    private TimelineSession[] _sessions = [];

    [Params(1, 3, 10)]
    public int Sessions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var first = Zone.ToInstant(new DateTime(2026, 3, 2, 10, 0, 0));
        _sessions = [.. Enumerable.Range(0, Sessions).Select(i => new TimelineSession(Guid.NewGuid(), first.AddDays(14 * i), i == Sessions - 1))];
    }

    [Benchmark]
    public int Milestones() => AftercareTimeline.Build(DefaultProtocol.Smp, _sessions, Zone).Milestones.Count;

    [Benchmark]
    public int FullTimeline() => AftercareTimeline.Build(DefaultProtocol.Smp, _sessions, Zone).Days.Count;

    [Benchmark]
    public int Today()
    {
        var timeline = AftercareTimeline.Build(DefaultProtocol.Smp, _sessions, Zone);
        return timeline.For(new DateOnly(2026, 3, 20)).Avoid.Count;
    }
}
