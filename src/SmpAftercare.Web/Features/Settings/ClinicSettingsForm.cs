using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Web.Infrastructure.Staff;
using System.Globalization;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Web.Features.Audit;

namespace SmpAftercare.Web.Features.Settings;

/// <summary>The owner's clinic settings: the details set up on the first start, plus links and reminders.</summary>
public sealed class ClinicSettingsForm
{
    public ClinicDetailsForm Clinic { get; set; } = new();

    public int? LinkValidityDays { get; set; }

    public TimeOnly? ReminderWindowStart { get; set; }

    public TimeOnly? ReminderWindowEnd { get; set; }

    public bool RequireTwoFactor { get; set; }

    /// <summary>How many days early a technician may lift a restriction for one client.</summary>
    public int? AdjustDaysShorter { get; set; }

    /// <summary>How many days longer a technician may keep a restriction for one client.</summary>
    public int? AdjustDaysLonger { get; set; }

    public static ClinicSettingsForm From(Clinic clinic) => new()
    {
        Clinic = ClinicDetailsForm.From(clinic),
        LinkValidityDays = clinic.LinkValidityDays,
        ReminderWindowStart = clinic.ReminderWindowStart,
        ReminderWindowEnd = clinic.ReminderWindowEnd,
        RequireTwoFactor = clinic.RequireTwoFactor,
        AdjustDaysShorter = clinic.AdjustmentMaxDaysShorter,
        AdjustDaysLonger = clinic.AdjustmentMaxDaysLonger,
    };

    private static string UpTo(int days) => days == 0 ? "never" : $"up to {AdjustmentLimits.DaysText(days)}";

    /// <summary>The limit on lifting early as the page says it.</summary>
    public static string ShorterSentence(int? days) => days switch
    {
        null or < 0 => "How many days early technicians may lift a restriction for one client.",
        0 => "Technicians may not lift a restriction early.",
        _ => $"Technicians may lift a restriction up to {AdjustmentLimits.DaysText(days.Value)} early.",
    };

    /// <summary>The limit on keeping longer as the page says it.</summary>
    public static string LongerSentence(int? days) => days switch
    {
        null or < 0 => "How many days longer technicians may keep a restriction for one client.",
        0 => "Technicians may not keep a restriction longer than the protocol says.",
        _ => $"Technicians may keep a restriction up to {AdjustmentLimits.DaysText(days.Value)} longer.",
    };

    /// <summary>The settings as the page names them, for the activity log's before and after.</summary>
    public static IReadOnlyList<(string Label, string Value)> Describe(Clinic clinic)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        return
        [
            ("Clinic name", clinic.Name),
            ("Time zone", clinic.TimeZoneId.Replace('_', ' ')),
            ("Dates written as", ClinicDetailsForm.LocaleName(clinic.Locale)),
            ("Phone", AuditChanges.OrNone(clinic.ContactPhone)),
            ("Email", AuditChanges.OrNone(clinic.ContactEmail)),
            ("Address", AuditChanges.OrNone(clinic.Address)),
            ("Personal links keep working for", string.Create(CultureInfo.InvariantCulture, $"{clinic.LinkValidityDays} days")),
            ("Reminder hours", string.Create(CultureInfo.InvariantCulture, $"{clinic.ReminderWindowStart:HH\\:mm} to {clinic.ReminderWindowEnd:HH\\:mm}")),
            ("Two-factor sign-in", clinic.RequireTwoFactor ? "required for everyone" : "each person's choice"),
            ("Technicians may lift a restriction early", UpTo(clinic.AdjustmentMaxDaysShorter)),
            ("Technicians may keep a restriction longer", UpTo(clinic.AdjustmentMaxDaysLonger)),
        ];
    }
}

public sealed class ClinicSettingsFormValidator : AbstractValidator<ClinicSettingsForm>
{
    public ClinicSettingsFormValidator()
    {
        RuleFor(f => f.Clinic).SetValidator(new ClinicDetailsFormValidator());
        RuleFor(f => f.LinkValidityDays)
            .NotNull().WithMessage("Enter how many days a personal link keeps working.")
            .InclusiveBetween(1, 3650).WithMessage("Choose between 1 and 3650 days.");
        RuleFor(f => f.ReminderWindowStart).NotNull().WithMessage("Enter the earliest time reminders may go out.");
        RuleFor(f => f.ReminderWindowEnd)
            .NotNull().WithMessage("Enter the latest time reminders may go out.")
            .GreaterThan(f => f.ReminderWindowStart).When(f => f.ReminderWindowStart is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("The sending window must end after it starts (for example 09:00-20:00).");
        RuleFor(f => f.AdjustDaysShorter)
            .NotNull().WithMessage("Enter how many days early technicians may lift a restriction (0 for never).")
            .InclusiveBetween(0, AdjustmentLimits.MostDaysShorter).WithMessage($"Choose between 0 and {AdjustmentLimits.MostDaysShorter} days: lifting a restriction earlier than that is a change to the protocol.");
        RuleFor(f => f.AdjustDaysLonger)
            .NotNull().WithMessage("Enter how many days longer technicians may keep a restriction (0 for never).")
            .InclusiveBetween(0, AdjustmentLimits.MostDaysLonger).WithMessage($"Choose between 0 and {AdjustmentLimits.MostDaysLonger} days.");
    }
}

/// <summary>What a save did: refused with a sentence, saved, or found nothing to change.</summary>
public sealed record SaveOutcome(string? Refusal, bool Changed)
{
    public static SaveOutcome Refused(string sentence) => new(sentence, false);
}

/// <summary>
/// Saves the owner's clinic settings, shared by the page and its tests. The clinic is the actor's own, named
/// explicitly, so the context passed in may be any (the page's is tenant-fixed too).
/// </summary>
public static class ClinicSettingsSave
{
    public const string TwoFactorFirst = "Turn on two-factor sign-in for your own account first (Your account, at the top).";

    public static async Task<SaveOutcome> SaveAsync(AppDbContext db, StaffMember actor, ClinicSettingsForm input, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!actor.IsOwner)
        {
            return SaveOutcome.Refused("Only an owner can change the clinic settings.");
        }

        if (new ClinicSettingsFormValidator().Validate(input) is { IsValid: false } invalid)
        {
            return SaveOutcome.Refused(invalid.Errors[0].ErrorMessage);
        }

        var clinic = await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == actor.ClinicId, cancellationToken);
        if (input.RequireTwoFactor && !clinic.RequireTwoFactor
            && !await db.Users.Where(u => u.Id == actor.UserId && u.ClinicId == actor.ClinicId).Select(u => u.TwoFactorEnabled).SingleOrDefaultAsync(cancellationToken))
        {
            // Otherwise the owner would be sent to set it up at once, in the middle of changing settings.
            return SaveOutcome.Refused(TwoFactorFirst);
        }

        var before = ClinicSettingsForm.Describe(clinic);
        try
        {
            clinic.Update(input.Clinic.ToDetails());
            clinic.ChangeLinkValidity(input.LinkValidityDays ?? 0);
            clinic.ChangeReminderWindow(input.ReminderWindowStart ?? default, input.ReminderWindowEnd ?? default);
            clinic.SetTwoFactorRequirement(input.RequireTwoFactor);
            clinic.ChangeAdjustmentLimits(input.AdjustDaysShorter ?? -1, input.AdjustDaysLonger ?? -1);
        }
        catch (DomainException e)
        {
            // The form's validator should have caught it; either way nothing half-changed is saved.
            db.ChangeTracker.Clear();
            return SaveOutcome.Refused(e.Message);
        }

        if (AuditChanges.Between(before, ClinicSettingsForm.Describe(clinic)) is not { } details)
        {
            return new SaveOutcome(null, Changed: false);
        }

        actor.Audit(db, Infrastructure.AuditActions.SettingsChanged, null, nowUtc, details);
        await db.SaveChangesAsync(cancellationToken);
        return new SaveOutcome(null, Changed: true);
    }
}
