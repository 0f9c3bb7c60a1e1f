using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.Reminders;

/// <summary>
/// Which milestones a clinic announces and the wording of its messages. A clinic without a saved row uses
/// <see cref="Default"/>. (The sending window is the clinic's own: <c>Clinic.ReminderWindowStart/End</c>.)
/// </summary>
public sealed class ClinicReminderSettings
{
    /// <summary>
    /// Announced unless the clinic switches them off: the freedoms clients ask about (wetting, shaving, soap,
    /// exercise, swimming and sauna, sun; the sun message carries the sunscreen advice that starts with it).
    /// Products, touching and sweating lift early and quietly, so they are off by default.
    /// </summary>
    public static readonly IReadOnlyList<Activity> DefaultMilestones =
        [Activity.Wetting, Activity.Soap, Activity.Shaving, Activity.Exercise, Activity.Swimming, Activity.Sauna, Activity.Sun];

    private ClinicReminderSettings()
    {
        EnabledMilestoneCodes = MilestoneEmailSubject = MilestoneEmailBody = MilestoneSms =
            NextSessionEmailSubject = NextSessionEmailBody = NextSessionSms = string.Empty;
    }

    public Guid ClinicId { get; private set; }

    /// <summary>Activity codes, comma-separated (codes are stable: see <see cref="Activity"/>).</summary>
    public string EnabledMilestoneCodes { get; private set; }

    public bool NextSessionReminders { get; private set; }

    public string MilestoneEmailSubject { get; private set; }

    public string MilestoneEmailBody { get; private set; }

    public string MilestoneSms { get; private set; }

    public string NextSessionEmailSubject { get; private set; }

    public string NextSessionEmailBody { get; private set; }

    public string NextSessionSms { get; private set; }

    public DateTime? UpdatedAtUtc { get; private set; }

    public IReadOnlyList<Activity> EnabledMilestones =>
        [.. EnabledMilestoneCodes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Activity.FromCode).OrderBy(a => a.Order)];

    public ReminderTemplates Templates => new(MilestoneEmailSubject, MilestoneEmailBody, MilestoneSms,
        NextSessionEmailSubject, NextSessionEmailBody, NextSessionSms);

    public static ClinicReminderSettings Default(Guid clinicId)
    {
        if (clinicId == Guid.Empty)
        {
            throw new DomainException("Reminder settings belong to a clinic.");
        }

        var settings = new ClinicReminderSettings { ClinicId = clinicId };
        settings.Apply(DefaultMilestones, nextSessionReminders: true, ReminderTemplates.Default);
        return settings;
    }

    public void Change(IEnumerable<Activity> milestones, bool nextSessionReminders, ReminderTemplates templates, DateTime nowUtc)
    {
        Apply(milestones, nextSessionReminders, templates);
        UpdatedAtUtc = nowUtc;
    }

    private void Apply(IEnumerable<Activity> milestones, bool nextSessionReminders, ReminderTemplates templates)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        ArgumentNullException.ThrowIfNull(templates);
        var list = milestones.Distinct().OrderBy(a => a.Order).ToList();
        if (list.Any(a => a.IsCare))
        {
            throw new DomainException("Milestones are restrictions that lift; care advice has none.");
        }

        // Re-checks templates built with the record's constructor rather than Create.
        var problem = templates.Problems().FirstOrDefault();
        if (problem.Message is not null)
        {
            throw new DomainException(problem.Message);
        }

        EnabledMilestoneCodes = string.Join(',', list.Select(a => a.Code));
        NextSessionReminders = nextSessionReminders;
        MilestoneEmailSubject = templates.MilestoneEmailSubject;
        MilestoneEmailBody = templates.MilestoneEmailBody;
        MilestoneSms = templates.MilestoneSms;
        NextSessionEmailSubject = templates.NextSessionEmailSubject;
        NextSessionEmailBody = templates.NextSessionEmailBody;
        NextSessionSms = templates.NextSessionSms;
    }
}
