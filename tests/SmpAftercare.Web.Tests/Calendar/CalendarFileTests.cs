using System.Text;
using SmpAftercare.Domain.Calendar;
using SmpAftercare.Tests.Calendar;
using SmpAftercare.Web.Features.ClientLink;

namespace SmpAftercare.Web.Tests.Calendar;

/// <summary>The Ical.Net writer read back through the strict RFC 5545 validator.</summary>
public class CalendarFileTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 3, 2, 11, 30, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Write_OneEvent_IsAValidCalendarWithCrlfEndings()
    {
        var ics = CalendarFile.Write("Aftercare", [new AllDayEvent("a@x", new DateOnly(2026, 3, 7), "You can shave again")], Stamp);

        var calendar = IcsValidator.Parse(ics);

        Assert.Equal(ics.Split("\r\n").Length - 1, ics.Count(c => c == '\n'));
        Assert.Equal(CalendarFile.ProductId, calendar.One("PRODID").Value);
        Assert.Equal("GREGORIAN", calendar.One("CALSCALE").Value);
        var e = Assert.Single(calendar.Components);
        Assert.Equal("20260302T103000Z", e.One("DTSTAMP").Value); // 11:30 at +01:00, written in UTC
        Assert.Equal(new DateOnly(2026, 3, 7), IcsValidator.Date(e.One("DTSTART")));
        Assert.Equal(new DateOnly(2026, 3, 8), IcsValidator.Date(e.One("DTEND")));
        Assert.Equal("You can shave again", e.Text("SUMMARY"));
        Assert.Equal("TRANSPARENT", e.One("TRANSP").Value);
    }

    [Fact]
    public void Write_EveryEvent_HasADisplayAlarmAtNineOnItsMorning()
    {
        var ics = CalendarFile.Write("Aftercare", [new AllDayEvent("a@x", new DateOnly(2026, 3, 7), "You can shave again"),
            new AllDayEvent("b@x", new DateOnly(2026, 3, 9), "Sweating is OK again")], Stamp);

        var calendar = IcsValidator.Parse(ics);

        Assert.All(calendar.Components, e =>
        {
            var alarm = Assert.Single(e.Components);
            Assert.Equal("VALARM", alarm.Name);
            Assert.Equal("DISPLAY", alarm.One("ACTION").Value);
            Assert.Equal(e.Text("SUMMARY"), alarm.Text("DESCRIPTION"));
            var trigger = alarm.One("TRIGGER");
            // Relative to the all-day start, i.e. the reader's local midnight of that day.
            Assert.Equal(TimeSpan.FromHours(9), IcsValidator.Duration(trigger.Value));
            Assert.NotEqual("END", trigger.Parameter("RELATED"));
        });
    }

    [Fact]
    public void Write_EventAtYearEnd_EndsOnNewYearsDay()
    {
        var ics = CalendarFile.Write("Aftercare", [new AllDayEvent("a@x", new DateOnly(2026, 12, 31), "Sun")], Stamp);

        var e = Assert.Single(IcsValidator.Parse(ics).Components);
        Assert.Equal(new DateOnly(2026, 12, 31), IcsValidator.Date(e.One("DTSTART")));
        Assert.Equal(new DateOnly(2027, 1, 1), IcsValidator.Date(e.One("DTEND")));
    }

    [Fact]
    public void Write_TextWithSeparatorsAndLineBreaks_RoundTrips()
    {
        const string description = "Rinse, don't rub; dry with a towel.\nCall us: \\ 020 7946 0000";

        var ics = CalendarFile.Write("North, South; \\ SMP", [new AllDayEvent("u@x", new DateOnly(2026, 3, 7), "A, B; C", description)], Stamp);
        var calendar = IcsValidator.Parse(ics);

        Assert.Equal("North, South; \\ SMP", IcsValidator.Unescape(calendar.One("X-WR-CALNAME").Value));
        Assert.Equal("A, B; C", calendar.Components[0].Text("SUMMARY"));
        Assert.Equal(description, calendar.Components[0].Text("DESCRIPTION"));
    }

    [Fact]
    public void Write_LongMultiByteText_FoldsAtSeventyFiveOctetsWithoutSplittingCharacters()
    {
        var summary = string.Concat(Enumerable.Repeat("Ça sèche — 🙂 ", 20));

        var ics = CalendarFile.Write("Aftercare", [new AllDayEvent("u@x", new DateOnly(2026, 3, 7), summary)], Stamp);

        var lines = ics.Split("\r\n");
        Assert.All(lines, l => Assert.InRange(Encoding.UTF8.GetByteCount(l), 0, 75));
        Assert.Contains(lines, l => Encoding.UTF8.GetByteCount(l) >= 72); // folded near the limit, not early
        Assert.Contains(lines, l => l.StartsWith(' '));
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(ics)));
        Assert.Equal(summary, IcsValidator.Parse(ics).Components[0].Text("SUMMARY"));
    }

    [Fact]
    public void Write_NoEvents_IsAnEmptyButValidCalendar()
    {
        Assert.Empty(IcsValidator.Parse(CalendarFile.Write("Aftercare", [], Stamp)).Components);
    }

    [Fact]
    public void Validator_RefusesBrokenFiles()
    {
        var ics = CalendarFile.Write("Aftercare", [new AllDayEvent("u@x", new DateOnly(2026, 3, 7), "A")], Stamp);
        Assert.Contains("\r\nSUMMARY:A\r\n", ics, StringComparison.Ordinal);

        Assert.Throws<FormatException>(() => IcsValidator.Parse(ics.Replace("\r\nEND:VEVENT", "\nEND:VEVENT", StringComparison.Ordinal)));
        Assert.Throws<FormatException>(() => IcsValidator.Parse(ics.Replace("END:VEVENT\r\n", string.Empty, StringComparison.Ordinal)));
        Assert.Throws<FormatException>(() => IcsValidator.Parse(ics.Replace("SUMMARY:A\r\n", "SUMMARY:A,B\r\n", StringComparison.Ordinal)));
        Assert.Throws<FormatException>(() => IcsValidator.Parse(ics.Replace("SUMMARY:A\r\n", "SUMMARY:" + new string('A', 80) + "\r\n", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("ACTION:DISPLAY\r\n", "")] // no ACTION
    [InlineData("ACTION:DISPLAY\r\n", "ACTION:BEEP\r\n")]
    [InlineData("PT9H", "P9H")] // hours belong after T
    [InlineData("PT9H", "P")]
    [InlineData("TRIGGER", "TRIGGER;RELATED=NOON")]
    [InlineData("END:VALARM", "REPEAT:2\r\nEND:VALARM")] // REPEAT without DURATION
    public void Validator_RefusesBrokenAlarms(string from, string to)
    {
        var ics = CalendarFile.Write("Aftercare", [new AllDayEvent("u@x", new DateOnly(2026, 3, 7), "A")], Stamp);
        Assert.Contains(from, ics, StringComparison.Ordinal);

        Assert.Throws<FormatException>(() => IcsValidator.Parse(ics.Replace(from, to, StringComparison.Ordinal)));
    }

    [Fact]
    public void Validator_RefusesADisplayAlarmWithoutDescription()
    {
        var ics = CalendarFile.Write("Aftercare", [new AllDayEvent("u@x", new DateOnly(2026, 3, 7), "A")], Stamp);
        var alarm = ics.IndexOf("BEGIN:VALARM", StringComparison.Ordinal);
        var description = ics.IndexOf("DESCRIPTION:A\r\n", alarm, StringComparison.Ordinal);
        Assert.InRange(description, alarm, ics.IndexOf("END:VALARM", StringComparison.Ordinal));

        Assert.Throws<FormatException>(() => IcsValidator.Parse(ics.Remove(description, "DESCRIPTION:A\r\n".Length)));
    }
}
