using System.Globalization;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Reminders;
using static SmpAftercare.Domain.Tests.TimelineBuilder;

namespace SmpAftercare.Domain.Tests.Reminders;

public class ReminderTests
{
    private static readonly ClinicTimeZone London = ClinicTimeZone.FromIanaId("Europe/London");
    private static readonly SendingWindow Window = new(new TimeOnly(9, 0), new TimeOnly(20, 0), London);
    private static readonly DateTime Now = new(2026, 3, 2, 11, 0, 0, DateTimeKind.Utc);
    private static readonly Guid ClinicId = Guid.NewGuid();

    private static Reminder Wetting(ContactChannel channel = ContactChannel.Email)
    {
        var planned = ReminderPlanner.Plan(new TimelineBuilder().Session("2026-03-02 10:00").Build(), null,
            ClinicReminderSettings.DefaultMilestones.ToList(), true, Window, Now)[0];
        var context = new MessageContext("Sam Client", "Northside", null, CultureInfo.GetCultureInfo("en-GB"), "http://x/c/", "http://x/stop/t");
        return Reminder.Plan(ClinicId, Guid.NewGuid(), channel, planned, ReminderMessage.Compose(planned, ReminderTemplates.Default, context, channel),
            OptOutTokens.New(), Now);
    }

    private static Client Sam(bool emailConsent = true, bool archived = false)
    {
        var client = Client.Create(ClinicId, new ClientDetails("Sam Client", "sam@example.com", "+447700900123", ContactChannel.Email,
            emailConsent, true, null, null, false, null), "GB", Now);
        if (archived)
        {
            client.Archive(Now);
        }

        return client;
    }

    private static Reminder Claimed(Reminder reminder)
    {
        reminder.Claim(Now);
        return reminder;
    }

    private static DateTimeOffset At(string local) => London.ToInstant(Local(local));

    [Fact]
    public void Plan_IsPendingWithAShortUrlSafeToken()
    {
        var reminder = Wetting();

        Assert.Equal(ReminderStatus.Pending, reminder.Status);
        Assert.Equal(new DateTime(2026, 3, 6, 9, 0, 0, DateTimeKind.Utc), reminder.DueAtUtc);
        Assert.Equal(22, reminder.OptOutToken.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", reminder.OptOutToken);
    }

    [Fact]
    public void TransientFailures_RetryWithDoublingDelay_ThenFail()
    {
        var reminder = Wetting();
        var policy = new RetryPolicy(3, TimeSpan.FromMinutes(1));

        Claimed(reminder).RecordTransientFailure("451 try later", "sam@example.com", policy, Now);
        Assert.Equal((ReminderStatus.Pending, Now.AddMinutes(1)), (reminder.Status, reminder.NextAttemptAtUtc));
        Claimed(reminder).RecordTransientFailure("451 try later", "sam@example.com", policy, Now);
        Assert.Equal(Now.AddMinutes(2), reminder.NextAttemptAtUtc);
        Claimed(reminder).RecordTransientFailure("451 try later", "sam@example.com", policy, Now);

        Assert.Equal(ReminderStatus.Failed, reminder.Status);
        Assert.StartsWith("Gave up after 3 attempts.", reminder.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void PermanentFailure_FailsAtOnce_SendAgainStartsOver()
    {
        var reminder = Wetting();

        Claimed(reminder).RecordPermanentFailure("550 no such user", "sam@example.com", Now);
        Assert.Equal(ReminderStatus.Failed, reminder.Status);

        reminder.SendAgain(Now);
        Assert.Equal((ReminderStatus.Pending, 0), (reminder.Status, reminder.Attempts));
    }

    [Fact]
    public void History_IsNeverReplannedOrSkipped()
    {
        var reminder = Wetting();
        Claimed(reminder).MarkSent("sam@example.com", Now);

        Assert.Throws<DomainException>(() => reminder.Skip("x", Now));
        Assert.Throws<DomainException>(() => reminder.SendAgain(Now));
        Assert.Throws<DomainException>(() => reminder.MarkSent("sam@example.com", Now));
    }

    [Fact]
    public void RecoverInterrupted_GoesBackToPendingAndSaysItMayDuplicate()
    {
        var reminder = Claimed(Wetting());

        reminder.RecoverInterrupted(Now);

        Assert.Equal(ReminderStatus.Pending, reminder.Status);
        Assert.Contains("may get it twice", reminder.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Decision_InTheWindow_SendsToTheCurrentAddress()
    {
        var decision = DispatchDecision.For(Wetting(), Sam(), Window, At("2026-03-06 09:00"));

        Assert.Equal((DispatchAction.Send, "sam@example.com"), (decision.Action, decision.Address));
    }

    [Fact]
    public void Decision_SmsGoesToTheE164Number() =>
        Assert.Equal("+447700900123", DispatchDecision.For(Wetting(ContactChannel.Sms), Sam(), Window, At("2026-03-06 10:00")).Address);

    [Fact]
    public void Decision_BeforeTheWindowOnTheDay_WaitsForTheMorning()
    {
        var decision = DispatchDecision.For(Wetting(), Sam(), Window, At("2026-03-06 06:00"));

        Assert.Equal((DispatchAction.Wait, At("2026-03-06 09:00")), (decision.Action, decision.WaitUntil));
    }

    [Fact]
    public void Decision_AfterTheWindowOnTheDay_IsSkippedBecauseTomorrowIsTooLate()
    {
        var decision = DispatchDecision.For(Wetting(), Sam(), Window, At("2026-03-06 21:00"));

        Assert.Equal(DispatchAction.Skip, decision.Action);
        Assert.Contains("did not open again", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decision_TheDayHasPassed_IsSkippedWithTheReason()
    {
        var decision = DispatchDecision.For(Wetting(), Sam(), Window, At("2026-03-07 09:30"));

        Assert.Equal(DispatchAction.Skip, decision.Action);
        Assert.Contains("2026-03-06 had passed", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decision_OptedOutOrArchived_IsSkipped()
    {
        Assert.Contains("not agreed", DispatchDecision.For(Wetting(), Sam(emailConsent: false), Window, At("2026-03-06 10:00")).Reason, StringComparison.Ordinal);
        Assert.Contains("archived", DispatchDecision.For(Wetting(), Sam(archived: true), Window, At("2026-03-06 10:00")).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RetryPolicy_DelayIsCapped() =>
        Assert.Equal(TimeSpan.FromHours(6), new RetryPolicy(50, TimeSpan.FromMinutes(1)).DelayAfter(40));
}
