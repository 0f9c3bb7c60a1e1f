using FluentValidation;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Features.Settings;
using SmpAftercare.Web.Features.Staff;

namespace SmpAftercare.Web.Features.Setup;

public sealed class SetupForm
{
    public ClinicDetailsForm Clinic { get; set; } = new();

    public string OwnerName { get; set; } = string.Empty;

    public string OwnerEmail { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    public string ConfirmPassword { get; set; } = string.Empty;
}

public sealed class SetupFormValidator : AbstractValidator<SetupForm>
{
    public SetupFormValidator()
    {
        RuleFor(f => f.Clinic).SetValidator(new ClinicDetailsFormValidator());
        RuleFor(f => f.OwnerName).NotEmpty().WithMessage("Enter the owner's name.").MaximumLength(200).SingleLine("name");
        RuleFor(f => f.OwnerEmail).SingleLine("email address");
        RuleFor(f => f.OwnerEmail).NotEmpty().WithMessage("Enter the owner's email address.")
            .EmailAddress().WithMessage("Enter a valid email address, like owner@example.com.");
        RuleFor(f => f.Password).StaffPassword();
        RuleFor(f => f.ConfirmPassword).Equal(f => f.Password).WithMessage("The two passwords do not match.");
    }
}
