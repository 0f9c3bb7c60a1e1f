using FluentValidation;
using SmpAftercare.Web.Features.Staff;

namespace SmpAftercare.Web.Features.Account;

public sealed class TwoFactorLoginForm
{
    /// <summary>Six digits from the authenticator app, or one of the recovery codes.</summary>
    public string Code { get; set; } = string.Empty;
}

public sealed class TwoFactorLoginFormValidator : AbstractValidator<TwoFactorLoginForm>
{
    public TwoFactorLoginFormValidator() =>
        RuleFor(f => f.Code).NotEmpty().WithMessage("Enter the 6-digit code from your authenticator app, or a recovery code.")
            .MaximumLength(40).WithMessage("That is longer than any code: check what you typed.");
}

public sealed class ForgotPasswordForm
{
    public string Email { get; set; } = string.Empty;
}

public sealed class ForgotPasswordFormValidator : AbstractValidator<ForgotPasswordForm>
{
    public ForgotPasswordFormValidator() =>
        RuleFor(f => f.Email).NotEmpty().WithMessage("Enter the email address you sign in with.")
            .EmailAddress().WithMessage("Enter a valid email address, like name@example.com.")
            .MaximumLength(254).WithMessage("Keep the email address under 254 characters.");
}

/// <summary>A new password, typed twice: reset links and invitations.</summary>
public sealed class NewPasswordForm
{
    public string Password { get; set; } = string.Empty;

    public string ConfirmPassword { get; set; } = string.Empty;
}

public sealed class NewPasswordFormValidator : AbstractValidator<NewPasswordForm>
{
    public NewPasswordFormValidator()
    {
        RuleFor(f => f.Password).StaffPassword();
        RuleFor(f => f.ConfirmPassword).Equal(f => f.Password).WithMessage("The two passwords do not match.");
    }
}

public sealed class ChangePasswordForm
{
    public string CurrentPassword { get; set; } = string.Empty;

    public string NewPassword { get; set; } = string.Empty;

    public string ConfirmPassword { get; set; } = string.Empty;
}

public sealed class ChangePasswordFormValidator : AbstractValidator<ChangePasswordForm>
{
    public ChangePasswordFormValidator()
    {
        RuleFor(f => f.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
        RuleFor(f => f.NewPassword).StaffPassword()
            .NotEqual(f => f.CurrentPassword).WithMessage("Choose a password different from the current one.");
        RuleFor(f => f.ConfirmPassword).Equal(f => f.NewPassword).WithMessage("The two passwords do not match.");
    }
}

public sealed class AuthenticatorCodeForm
{
    public string Code { get; set; } = string.Empty;
}

public sealed class AuthenticatorCodeFormValidator : AbstractValidator<AuthenticatorCodeForm>
{
    public AuthenticatorCodeFormValidator() =>
        RuleFor(f => f.Code).Must(AuthenticatorCode.LooksLikeAuthenticatorCode)
            .WithMessage("Enter the 6-digit code your authenticator app shows now.");
}

public static class AuthenticatorCode
{
    /// <summary>Apps show "123 456"; people type it with the space or a dash.</summary>
    public static string Normalise(string? code) => (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);

    public static bool LooksLikeAuthenticatorCode(string? code) => Normalise(code) is { Length: 6 } digits && digits.All(char.IsAsciiDigit);
}
