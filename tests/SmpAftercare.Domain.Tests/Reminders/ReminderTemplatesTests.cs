using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Reminders;

namespace SmpAftercare.Domain.Tests.Reminders;

public class ReminderTemplatesTests
{
    [Fact]
    public void Defaults_HaveNoProblems() => Assert.Empty(ReminderTemplates.Default.Problems());

    [Theory]
    [InlineData("{ClinicName}: {Changes} {TimelineLink}", "Add {OptOutLink}: every message lets the client stop reminders in one click.")]
    [InlineData("{Changes} {TimelineLink} {OptOutLink}", "Add {ClinicName}: every message names the clinic.")]
    [InlineData("{ClinicName} {OptOutLink}", "Add {TimelineLink}: every message links to the client's timeline.")]
    [InlineData("{ClinicName} {Whatever} {TimelineLink} {OptOutLink}", "{Whatever} is not a placeholder. Use {FirstName}, {ClientName}, {ClinicName}, {ClinicPhone}, {Date}, {Changes}, {StillAvoid}, {TimelineLink}, {OptOutLink}.")]
    [InlineData("  ", "Write the message: a template cannot be empty.")]
    public void MilestoneSms_Problem_IsNamed(string text, string expected) =>
        Assert.Equal(expected, ReminderTemplates.Check(text, ReminderKind.Milestone, TemplatePart.SmsText));

    [Fact]
    public void NextSession_RefusesMilestoneOnlyPlaceholders() =>
        Assert.Equal("{Changes} only works in milestone messages.",
            ReminderTemplates.Check("{ClinicName} {Changes} {TimelineLink} {OptOutLink}", ReminderKind.NextSession, TemplatePart.SmsText));

    [Fact]
    public void Subject_IsOneLineWithoutLinks()
    {
        Assert.Equal("A subject is one line.", ReminderTemplates.Check("a\nb", ReminderKind.Milestone, TemplatePart.Subject));
        Assert.Equal("{OptOutLink} belongs in the message, not in the subject.", ReminderTemplates.Check("{OptOutLink}", ReminderKind.Milestone, TemplatePart.Subject));
        Assert.Null(ReminderTemplates.Check("News from {ClinicName} for {FirstName}", ReminderKind.Milestone, TemplatePart.Subject));
    }

    [Fact]
    public void Create_WithAProblem_Throws() =>
        Assert.Throws<DomainException>(() => ReminderTemplates.Create("s", "no links", "{ClinicName} {TimelineLink} {OptOutLink}", "s", "{ClinicName} {TimelineLink} {OptOutLink}", "{ClinicName} {TimelineLink} {OptOutLink}"));

    [Fact]
    public void Settings_Default_AnnouncesTheAgreedMilestones()
    {
        var settings = ClinicReminderSettings.Default(Guid.NewGuid());

        Assert.Equal("wetting,soap,shaving,exercise,swimming,sauna,sun", settings.EnabledMilestoneCodes);
        Assert.Equal(ReminderTemplates.Default, settings.Templates);
        Assert.True(settings.NextSessionReminders);
    }

    [Fact]
    public void Settings_CareAdviceAsMilestone_IsRefused() =>
        Assert.Throws<DomainException>(() => ClinicReminderSettings.Default(Guid.NewGuid())
            .Change([Activity.Sunscreen], true, ReminderTemplates.Default, new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc)));
}
