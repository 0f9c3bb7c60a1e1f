using System.Globalization;
using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.Tests;

/// <summary>Test data for the engine: sessions written as clinic-local wall-clock times.</summary>
internal sealed class TimelineBuilder
{
    private readonly List<(string Local, bool Final, Guid Id)> _sessions = [];
    private Protocol _protocol = DefaultProtocol.Smp;
    private string _zone = "Europe/London";

    public TimelineBuilder InZone(string ianaId)
    {
        _zone = ianaId;
        return this;
    }

    public TimelineBuilder With(Protocol protocol)
    {
        _protocol = protocol;
        return this;
    }

    public TimelineBuilder Session(string localDateTime, Guid? id = null)
    {
        _sessions.Add((localDateTime, false, id ?? Guid.NewGuid()));
        return this;
    }

    public TimelineBuilder FinalSession(string localDateTime, Guid? id = null)
    {
        _sessions.Add((localDateTime, true, id ?? Guid.NewGuid()));
        return this;
    }

    public IReadOnlyList<TimelineSession> Sessions()
    {
        var zone = ClinicTimeZone.FromIanaId(_zone);
        return [.. _sessions.Select(s => new TimelineSession(s.Id, zone.ToInstant(Local(s.Local)), s.Final))];
    }

    public AftercareTimeline Build() => AftercareTimeline.Build(_protocol, Sessions(), _zone);

    public static DateTime Local(string text) =>
        DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
