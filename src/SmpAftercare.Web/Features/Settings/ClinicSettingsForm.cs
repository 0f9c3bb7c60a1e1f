using FluentValidation;
using SmpAftercare.Domain.Clinics;

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
