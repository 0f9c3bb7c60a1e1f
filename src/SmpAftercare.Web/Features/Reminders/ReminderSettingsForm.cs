using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Audit;
using SmpAftercare.Web.Features.Settings;
using SmpAftercare.Web.Infrastructure.Staff;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Domain.Reminders;

namespace SmpAftercare.Web.Features.Reminders;

public sealed class MilestoneChoice
{
    public string Code { get; set; } = string.Empty;

    public bool Enabled { get; set; }
}

/// <summary>The owner's reminder settings: sending window, which milestones are announced, and the six templates.</summary>
public sealed class ReminderSettingsForm
{
    public TimeOnly SendFrom { get; set; } = new(9, 0);

    public TimeOnly SendUntil { get; set; } = new(20, 0);

    public List<MilestoneChoice> Milestones { get; set; } = [];

    public bool NextSessionReminders { get; set; } = true;

    public string MilestoneEmailSubject { get; set; } = string.Empty;

    public string MilestoneEmailBody { get; set; } = string.Empty;

    public string MilestoneSms { get; set; } = string.Empty;

    public string NextSessionEmailSubject { get; set; } = string.Empty;

    public string NextSessionEmailBody { get; set; } = string.Empty;

    public string NextSessionSms { get; set; } = string.Empty;

    /// <summary>Restrictions a clinic can announce the end of (care advice has no end to announce).</summary>
    public static IReadOnlyList<Activity> Restrictions { get; } = [.. Activity.All.Where(a => !a.IsCare)];

    public static ReminderSettingsForm From(Clinic clinic, ClinicReminderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(settings);
        var enabled = settings.EnabledMilestones;
        return new ReminderSettingsForm
        {
            SendFrom = clinic.ReminderWindowStart,
            SendUntil = clinic.ReminderWindowEnd,
            Milestones = [.. Restrictions.Select(a => new MilestoneChoice { Code = a.Code, Enabled = enabled.Contains(a) })],
            NextSessionReminders = settings.NextSessionReminders,
            MilestoneEmailSubject = settings.MilestoneEmailSubject,
            MilestoneEmailBody = settings.MilestoneEmailBody,
            MilestoneSms = settings.MilestoneSms,
            NextSessionEmailSubject = settings.NextSessionEmailSubject,
            NextSessionEmailBody = settings.NextSessionEmailBody,
            NextSessionSms = settings.NextSessionSms,
        };
    }

    /// <summary>Posted choices may come back incomplete (unticked boxes post nothing); every restriction gets a row.</summary>
    public void Complete()
    {
        var posted = Milestones.Where(m => Activity.TryFromCode(m.Code, out _)).GroupBy(m => m.Code, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Any(m => m.Enabled), StringComparer.OrdinalIgnoreCase);
        Milestones = [.. Restrictions.Select(a => new MilestoneChoice { Code = a.Code, Enabled = posted.GetValueOrDefault(a.Code) })];
    }

    /// <summary>The settings as the page names them, for the activity log's before and after.</summary>
    public static IReadOnlyList<(string Label, string Value)> Describe(Clinic clinic, ClinicReminderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(settings);
        var milestones = settings.EnabledMilestones;
        return
        [
            ("Reminder hours", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{clinic.ReminderWindowStart:HH\\:mm} to {clinic.ReminderWindowEnd:HH\\:mm}")),
            ("Restrictions announced", milestones.Count == 0 ? "none" : string.Join(", ", milestones.Select(a => a.Name.ToLowerInvariant()))),
            ("Reminder the day before a planned session", settings.NextSessionReminders ? "on" : "off"),
            ("Milestone email subject", settings.MilestoneEmailSubject),
            ("Milestone email", settings.MilestoneEmailBody),
            ("Milestone text message", settings.MilestoneSms),
            ("Next-session email subject", settings.NextSessionEmailSubject),
            ("Next-session email", settings.NextSessionEmailBody),
            ("Next-session text message", settings.NextSessionSms),
        ];
    }

    public IEnumerable<Activity> EnabledMilestones() =>
        Milestones.Where(m => m.Enabled && Activity.TryFromCode(m.Code, out _)).Select(m => Activity.FromCode(m.Code));

    public ReminderTemplates Templates() => ReminderTemplates.Create(MilestoneEmailSubject, MilestoneEmailBody, MilestoneSms,
        NextSessionEmailSubject, NextSessionEmailBody, NextSessionSms);
}

public sealed class ReminderSettingsFormValidator : AbstractValidator<ReminderSettingsForm>
{
    public ReminderSettingsFormValidator()
    {
        RuleFor(f => f.SendUntil).GreaterThan(f => f.SendFrom)
            .WithMessage("The sending window must end after it starts (for example 09:00 to 20:00).");
        RuleForEach(f => f.Milestones).Must(m => Activity.TryFromCode(m.Code, out var a) && !a.IsCare)
            .WithMessage("Choose milestones from the list.");
        Template(f => f.MilestoneEmailSubject, ReminderKind.Milestone, TemplatePart.Subject);
        Template(f => f.MilestoneEmailBody, ReminderKind.Milestone, TemplatePart.EmailBody);
        Template(f => f.MilestoneSms, ReminderKind.Milestone, TemplatePart.SmsText);
        Template(f => f.NextSessionEmailSubject, ReminderKind.NextSession, TemplatePart.Subject);
        Template(f => f.NextSessionEmailBody, ReminderKind.NextSession, TemplatePart.EmailBody);
        Template(f => f.NextSessionSms, ReminderKind.NextSession, TemplatePart.SmsText);
    }

    private void Template(System.Linq.Expressions.Expression<Func<ReminderSettingsForm, string>> field, ReminderKind kind, TemplatePart part) =>
        RuleFor(field).Custom((text, context) =>
        {
            // The same check the domain applies on save, so the page and the entity never disagree.
            if (ReminderTemplates.Check(text, kind, part) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
}

/// <summary>Saves the owner's reminder settings and rewrites the clinic's upcoming reminders; shared by the page and its tests.</summary>
public static class ReminderSettingsSave
{
    public static async Task<SaveOutcome> SaveAsync(AppDbContext db, ReminderOutbox outbox, StaffMember actor, ReminderSettingsForm input, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!actor.IsOwner)
        {
            return SaveOutcome.Refused("Only an owner can change the reminder settings.");
        }

        if (new ReminderSettingsFormValidator().Validate(input) is { IsValid: false } invalid)
        {
            return SaveOutcome.Refused(invalid.Errors[0].ErrorMessage);
        }

        var clinic = await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == actor.ClinicId, cancellationToken);
        var settings = await db.ReminderSettings.IgnoreQueryFilters().SingleOrDefaultAsync(s => s.ClinicId == clinic.Id, cancellationToken);
        if (settings is null)
        {
            settings = ClinicReminderSettings.Default(clinic.Id);
            db.ReminderSettings.Add(settings);
        }

        try
        {
            var before = ReminderSettingsForm.Describe(clinic, settings);
            settings.Change(input.EnabledMilestones(), input.NextSessionReminders, input.Templates(), now.UtcDateTime);
            clinic.ChangeReminderWindow(input.SendFrom, input.SendUntil);
            if (AuditChanges.Between(before, ReminderSettingsForm.Describe(clinic, settings)) is not { } changes)
            {
                return new SaveOutcome(null, Changed: false);
            }

            var result = await outbox.RecomputeClinicAsync(db, clinic, now, cancellationToken);
            actor.Audit(db, ReminderAuditActions.SettingsChanged, null, now.UtcDateTime,
                AuditChanges.Cut($"{changes}. Upcoming reminders: {result.Added} added, {result.Updated} rewritten, {result.Removed} removed."));
            await db.SaveChangesAsync(cancellationToken);
            return new SaveOutcome(null, Changed: true);
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            return SaveOutcome.Refused(e.Message);
        }
    }
}
