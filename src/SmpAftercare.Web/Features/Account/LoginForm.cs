using FluentValidation;

namespace SmpAftercare.Web.Features.Account;

public sealed class LoginForm
{
    public string Email { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    /// <summary>"Keep me signed in on this device": the cookie outlives the browser (AccountPolicy.KeptSignedIn).</summary>
    public bool KeepSignedIn { get; set; }

    /// <summary>Chosen in the second step, when the password opened accounts at more than one clinic.</summary>
    public Guid? ClinicId { get; set; }
}

public sealed class LoginFormValidator : AbstractValidator<LoginForm>
{
    public LoginFormValidator()
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage("Enter your email address.");
        RuleFor(f => f.Password).NotEmpty().WithMessage("Enter your password.");
    }
}
