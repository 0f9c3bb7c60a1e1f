using FluentValidation;

namespace SmpAftercare.Web.Features.Staff;

/// <summary>The same rules Identity enforces (HostingSetup), stated up front so the form can say which one failed.</summary>
public static class PasswordRules
{
    public const int MinimumLength = 10;

    public static IRuleBuilderOptions<T, string> StaffPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Choose a password.")
            .MinimumLength(MinimumLength).WithMessage($"Use at least {MinimumLength} characters.")
            .Matches("[a-z]").WithMessage("Include a lower-case letter.")
            .Matches("[A-Z]").WithMessage("Include an upper-case letter.")
            .Matches("[0-9]").WithMessage("Include a digit.");
}
