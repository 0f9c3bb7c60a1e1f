using System.Globalization;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Reminders;
using static SmpAftercare.Domain.Tests.TimelineBuilder;

namespace SmpAftercare.Domain.Tests.Reminders;

public class ReminderMessageTests
{
    private static readonly SendingWindow Window = new(new TimeOnly(9, 0), new TimeOnly(20, 0), ClinicTimeZone.FromIanaId("Europe/London"));

    private static MessageContext Context(string locale = "en-GB") =>
        new("Sam Client", "Northside SMP", "+44 20 7946 0000", CultureInfo.GetCultureInfo(locale), "https://smp.example.com/c/abc", "https://smp.example.com/stop/xyz");

    private static IReadOnlyList<PlannedReminder> Plan(DateOnly? next = null) => ReminderPlanner.Plan(
        new TimelineBuilder().Session("2026-03-02 10:00").Build(), next, ClinicReminderSettings.DefaultMilestones.ToList(), true,
        Window, new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero));

    [Fact]
    public void MilestoneEmail_SaysWhatChangesAndWhatIsStillOff_NamesClinicAndLinks()
    {
        var wetting = Plan()[0];

        var message = ReminderMessage.Compose(wetting, ReminderTemplates.Default, Context(), ContactChannel.Email);

        Assert.Equal("Northside SMP: your aftercare changes today", message.Subject);
        Assert.Contains("Hello Sam,", message.Body, StringComparison.Ordinal);
        Assert.Contains("from today, Friday 6 March:", message.Body, StringComparison.Ordinal);
        Assert.Contains("- You can rinse your scalp with warm water again.", message.Body, StringComparison.Ordinal);
        Assert.Contains("- Soap, shampoo and conditioner: not until Thursday 12 March", message.Body, StringComparison.Ordinal);
        Assert.Contains("https://smp.example.com/c/abc", message.Body, StringComparison.Ordinal);
        Assert.Contains("Stop email reminders: https://smp.example.com/stop/xyz", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("{", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void MilestoneSms_IsOneCompactLine()
    {
        var wetting = Plan()[0];

        var message = ReminderMessage.Compose(wetting, ReminderTemplates.Default, Context(), ContactChannel.Sms);

        Assert.Null(message.Subject);
        Assert.StartsWith("Northside SMP: from today you can rinse your scalp with warm water again.", message.Body, StringComparison.Ordinal);
        Assert.Contains("Still no shaving until Sat 7 Mar; no touching, sweating, exercise, sun until Mon 9 Mar; no soap until Thu 12 Mar; no swimming, sauna until Mon 16 Mar.", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", message.Body, StringComparison.Ordinal);
        Assert.EndsWith("Stop SMS: https://smp.example.com/stop/xyz", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Dates_FollowTheClinicLocale()
    {
        var message = ReminderMessage.Compose(Plan()[0], ReminderTemplates.Default, Context("en-US"), ContactChannel.Email);

        Assert.Contains("from today, Friday, March 6:", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void NextSession_NamesTheDate()
    {
        var next = Plan(Date("2026-03-12")).Single(p => p.Kind == ReminderKind.NextSession);

        var email = ReminderMessage.Compose(next, ReminderTemplates.Default, Context(), ContactChannel.Email);
        var sms = ReminderMessage.Compose(next, ReminderTemplates.Default, Context(), ContactChannel.Sms);

        Assert.Contains("is tomorrow, Thursday 12 March.", email.Body, StringComparison.Ordinal);
        Assert.Equal("Northside SMP: your next session is tomorrow, Thu 12 Mar. Your aftercare: https://smp.example.com/c/abc Stop SMS: https://smp.example.com/stop/xyz", sms.Body);
    }

    [Fact]
    public void LastMilestone_SaysNothingElseIsRestricted()
    {
        var last = Plan()[^1];

        var message = ReminderMessage.Compose(last, ReminderTemplates.Default, Context(), ContactChannel.Email);

        Assert.Contains("Nothing else is restricted any more.", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void FinalSunMilestone_Sms_ListsEveryChangeAndTheSunscreenAdvice()
    {
        var april = ReminderPlanner.Plan(new TimelineBuilder().FinalSession("2026-03-02 10:00").Build(), null,
            ClinicReminderSettings.DefaultMilestones.ToList(), true, Window, new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero))[^1];

        var sms = ReminderMessage.Compose(april, ReminderTemplates.Default, Context(), ContactChannel.Sms);

        Assert.StartsWith("Northside SMP: from today you can go swimming again. Sauna and steam room are OK again. Direct sun is OK again (use sunscreen). Use sunscreen",
            sms.Body, StringComparison.Ordinal);
    }
}
