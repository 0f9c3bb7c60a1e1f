using FluentValidation;
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

    public static ClinicSettingsForm From(Clinic clinic) => new()
    {
        Clinic = ClinicDetailsForm.From(clinic),
        LinkValidityDays = clinic.LinkValidityDays,
        ReminderWindowStart = clinic.ReminderWindowStart,
        ReminderWindowEnd = clinic.ReminderWindowEnd,
        RequireTwoFactor = clinic.RequireTwoFactor,
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
    }
}
