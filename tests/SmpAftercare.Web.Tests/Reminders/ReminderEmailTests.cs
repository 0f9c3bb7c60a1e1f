using SmpAftercare.Web.Features.Reminders;

namespace SmpAftercare.Web.Tests.Reminders;

/// <summary>Building the email itself (the dispatch tests check what a real SMTP server receives).</summary>
public class ReminderEmailTests
{
    private static OutgoingMessage Message(string to = "sam@example.com", string clinic = "Northside SMP") =>
        new(Guid.NewGuid(), to, "Northside SMP: your aftercare changes today", "Hello Sam,\n\nStop email reminders: http://localhost:5080/stop/abc",
            clinic, "hello@example.com", "abcdefghijklmnopqrstuv");

    [Fact]
    public void PlainHttpOptOutLink_GetsListUnsubscribe_ButNoOneClickPost()
    {
        // RFC 8058 allows one-click only for https; a development address still gets the ordinary header.
        using var mail = ReminderEmail.TryBuild(Message(), "reminders@smp.test", "http://localhost:5080/stop/abc", out _)!;

        Assert.Equal("<http://localhost:5080/stop/abc>", mail.Headers["List-Unsubscribe"]);
        Assert.Null(mail.Headers["List-Unsubscribe-Post"]);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("sam@example.com\r\nBcc: x@y")]
    [InlineData("")]
    public void UnusableRecipient_IsReportedNotBuilt(string to)
    {
        var mail = ReminderEmail.TryBuild(Message(to), "reminders@smp.test", "https://smp.test/stop/abc", out var problem);

        Assert.Null(mail);
        Assert.StartsWith("Invalid email address", problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem!);
    }

    [Theory]
    [InlineData("North\r\nBcc: x@y", "North Bcc: x@y")]
    [InlineData("  Tab\there\u0000and\u0085there  ", "Tab here and there")]
    [InlineData("Plain", "Plain")]
    public void OneLine_TurnsControlCharactersIntoSingleSpaces(string text, string expected)
    {
        Assert.Equal(expected, ReminderEmail.OneLine(text));
    }
}
