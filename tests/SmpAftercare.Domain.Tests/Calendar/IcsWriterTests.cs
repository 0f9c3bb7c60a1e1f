using System.Text;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Calendar;
using SmpAftercare.Tests.Calendar;

namespace SmpAftercare.Domain.Tests.Calendar;

public class IcsWriterTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 3, 2, 11, 30, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Write_OneEvent_IsAValidCalendarWithCrlfEndings()
    {
        var ics = IcsWriter.Write("Aftercare", [new AllDayEvent("a@x", new DateOnly(2026, 3, 7), "You can shave again")], Stamp);

        var calendar = IcsValidator.Parse(ics);

        Assert.Equal(ics.Split("\r\n").Length - 1, ics.Count(c => c == '\n'));
        Assert.Equal(IcsWriter.ProductId, calendar.One("PRODID").Value);
        Assert.Equal("GREGORIAN", calendar.One("CALSCALE").Value);
        var e = Assert.Single(calendar.Components);
        Assert.Equal("20260302T103000Z", e.One("DTSTAMP").Value); // 11:30 at +01:00, written in UTC
        Assert.Equal(new DateOnly(2026, 3, 7), IcsValidator.Date(e.One("DTSTART")));
        Assert.Equal(new DateOnly(2026, 3, 8), IcsValidator.Date(e.One("DTEND")));
        Assert.Equal("You can shave again", e.Text("SUMMARY"));
    }

    [Fact]
    public void Write_EventAtYearEnd_EndsOnNewYearsDay()
    {
        var ics = IcsWriter.Write("Aftercare", [new AllDayEvent("a@x", new DateOnly(2026, 12, 31), "Sun")], Stamp);

        Assert.Contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n", ics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,b", @"a\,b")]
    [InlineData("a;b", @"a\;b")]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData("a\nb", @"a\nb")]
    [InlineData("a\r\nb", @"a\nb")]
    [InlineData(@"\,;", @"\\\,\;")]
    public void EscapeText_SpecialCharacters_AreEscaped(string value, string expected)
    {
        Assert.Equal(expected, IcsWriter.EscapeText(value));
        Assert.Equal(value.Replace("\r\n", "\n", StringComparison.Ordinal), IcsValidator.Unescape(expected));
    }

    [Fact]
    public void Write_TextWithSeparatorsAndLineBreaks_RoundTrips()
    {
        const string description = "Rinse, don't rub; dry with a towel.\nCall us: \\ 020 7946 0000";

        var ics = IcsWriter.Write("North, South; \\ SMP", [new AllDayEvent("u@x", new DateOnly(2026, 3, 7), "A, B; C", description)], Stamp);
        var calendar = IcsValidator.Parse(ics);

        Assert.Equal("North, South; \\ SMP", IcsValidator.Unescape(calendar.One("X-WR-CALNAME").Value));
        Assert.Equal("A, B; C", calendar.Components[0].Text("SUMMARY"));
        Assert.Equal(description, calendar.Components[0].Text("DESCRIPTION"));
    }

    [Fact]
    public void Write_LongMultiByteText_FoldsAtSeventyFiveOctetsWithoutSplittingCharacters()
    {
        var summary = string.Concat(Enumerable.Repeat("Ça sèche — 🙂 ", 20));

        var ics = IcsWriter.Write("Aftercare", [new AllDayEvent("u@x", new DateOnly(2026, 3, 7), summary)], Stamp);

        var lines = ics.Split("\r\n");
        Assert.All(lines, l => Assert.InRange(Encoding.UTF8.GetByteCount(l), 0, 75));
        Assert.Contains(lines, l => Encoding.UTF8.GetByteCount(l) >= 72); // folded near the limit, not early
        Assert.Contains(lines, l => l.StartsWith(' '));
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(ics)));
        Assert.Equal(summary, IcsValidator.Parse(ics).Components[0].Text("SUMMARY"));
    }

    [Fact]
    public void Write_LineOfExactlySeventyFiveOctets_IsNotFolded()
    {
        var summary = new string('x', 75 - "SUMMARY:".Length);

        var ics = IcsWriter.Write("Aftercare", [new AllDayEvent("u@x", new DateOnly(2026, 3, 7), summary)], Stamp);

        Assert.Contains("\r\nSUMMARY:" + summary + "\r\nTRANSP", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TwoEventsWithOneUid_IsRefused()
    {
        var day = new DateOnly(2026, 3, 7);

        Assert.Throws<DomainException>(() => IcsWriter.Write("Aftercare", [new AllDayEvent("u", day, "A"), new AllDayEvent("u", day.AddDays(1), "B")], Stamp));
    }

    [Fact]
    public void Validator_BareLineFeed_IsRefused()
    {
        var ics = IcsWriter.Write("Aftercare", [new AllDayEvent("u@x", new DateOnly(2026, 3, 7), "A")], Stamp);

        Assert.Throws<FormatException>(() => IcsValidator.Parse(ics.Replace("\r\nEND:VEVENT", "\nEND:VEVENT", StringComparison.Ordinal)));
        Assert.Throws<FormatException>(() => IcsValidator.Parse(ics.Replace("END:VEVENT\r\n", string.Empty, StringComparison.Ordinal)));
        Assert.Throws<FormatException>(() => IcsValidator.Parse(ics.Replace("SUMMARY:A", "SUMMARY:A,B", StringComparison.Ordinal)));
        Assert.Throws<FormatException>(() => IcsValidator.Parse(ics.Replace("SUMMARY:A", "SUMMARY:" + new string('A', 80), StringComparison.Ordinal)));
    }
}
