using System.Globalization;
using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.CheckIns;

/// <summary>A day the clinic invites a check-in: the healing day after a given session.</summary>
public sealed record CheckInDay(DateOnly Date, int HealingDay, PlacedSession Session);

/// <summary>
/// The healing days a clinic asks clients to check in on: some after every session, some only after the final one
/// (the default: day 3 after each session, day 7 and day 30 after the final one).
/// </summary>
public sealed record CheckInSchedule
{
    public const int MaxDay = 90;
    public const int MaxDaysPerList = 6;

    private CheckInSchedule(IReadOnlyList<int> afterEachSession, IReadOnlyList<int> afterFinalSession)
    {
        AfterEachSession = afterEachSession;
        AfterFinalSession = afterFinalSession;
    }

    public IReadOnlyList<int> AfterEachSession { get; }

    public IReadOnlyList<int> AfterFinalSession { get; }

    public static CheckInSchedule Default { get; } = new([3], [7, 30]);

    public static CheckInSchedule None { get; } = new([], []);

    public static CheckInSchedule Create(IEnumerable<int> afterEachSession, IEnumerable<int> afterFinalSession)
    {
        ArgumentNullException.ThrowIfNull(afterEachSession);
        ArgumentNullException.ThrowIfNull(afterFinalSession);
        return new CheckInSchedule(Check(afterEachSession, "after each session"), Check(afterFinalSession, "after the final session"));
    }

    /// <summary>Reads "3" or "7, 30" as a person types it; throws with a sentence for anything else.</summary>
    public static IReadOnlyList<int> ParseDays(string? text, string which)
    {
        var days = new List<int>();
        foreach (var part in (text ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var day))
            {
                throw new DomainException($"Check-in days {which}: \"{part}\" is not a day number. Write days like 7, 30.");
            }

            days.Add(day);
        }

        return days;
    }

    public static string Format(IEnumerable<int> days) => string.Join(", ", days.Select(d => d.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// The check-in days of a timeline. A day is dropped when another session comes on or before it: that session
    /// starts healing again, and its own days take over.
    /// </summary>
    public IReadOnlyList<CheckInDay> Days(AftercareTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var result = new List<CheckInDay>();
        var sessions = timeline.Sessions;
        for (var i = 0; i < sessions.Count; i++)
        {
            var session = sessions[i];
            var nextDay0 = i + 1 < sessions.Count ? sessions[i + 1].Day0 : DateOnly.MaxValue;
            var days = session.IsFinal ? AfterEachSession.Concat(AfterFinalSession).Distinct() : AfterEachSession;
            foreach (var day in days.Order())
            {
                var date = session.Day0.AddDays(day);
                if (date < nextDay0)
                {
                    result.Add(new CheckInDay(date, day, session));
                }
            }
        }

        return [.. result.DistinctBy(d => d.Date).OrderBy(d => d.Date)];
    }

    private static int[] Check(IEnumerable<int> days, string which)
    {
        var list = days.Distinct().Order().ToArray();
        if (list.Any(d => d is < 1 or > MaxDay))
        {
            throw new DomainException($"Check-in days {which} are between day 1 and day {MaxDay}.");
        }

        if (list.Length > MaxDaysPerList)
        {
            throw new DomainException($"Ask for at most {MaxDaysPerList} check-ins {which}: more would feel like nagging.");
        }

        return list;
    }
}

/// <summary>A clinic's check-in choices. A clinic without a saved row uses <see cref="Default"/>.</summary>
public sealed class ClinicCheckInSettings
{
    private ClinicCheckInSettings()
    {
        AfterEachSession = AfterFinalSession = string.Empty;
    }

    public Guid ClinicId { get; private set; }

    /// <summary>Healing days, comma-separated ("3").</summary>
    public string AfterEachSession { get; private set; }

    /// <summary>Healing days, comma-separated ("7,30").</summary>
    public string AfterFinalSession { get; private set; }

    /// <summary>Keep the photo as the phone sent it (metadata removed) beside the display copy: for clinics that zoom in on detail.</summary>
    public bool KeepOriginals { get; private set; }

    public DateTime? UpdatedAtUtc { get; private set; }

    public CheckInSchedule Schedule => CheckInSchedule.Create(
        CheckInSchedule.ParseDays(AfterEachSession, "after each session"),
        CheckInSchedule.ParseDays(AfterFinalSession, "after the final session"));

    public static ClinicCheckInSettings Default(Guid clinicId)
    {
        if (clinicId == Guid.Empty)
        {
            throw new DomainException("Check-in settings belong to a clinic.");
        }

        var settings = new ClinicCheckInSettings { ClinicId = clinicId };
        settings.Apply(CheckInSchedule.Default, keepOriginals: false);
        return settings;
    }

    public void Change(CheckInSchedule schedule, bool keepOriginals, DateTime nowUtc)
    {
        Apply(schedule, keepOriginals);
        UpdatedAtUtc = nowUtc;
    }

    private void Apply(CheckInSchedule schedule, bool keepOriginals)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        AfterEachSession = string.Join(',', schedule.AfterEachSession);
        AfterFinalSession = string.Join(',', schedule.AfterFinalSession);
        KeepOriginals = keepOriginals;
    }
}
