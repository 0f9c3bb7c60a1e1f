using FluentValidation;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Staff;

/// <summary>An invitation: the new staff member chooses their own password from the emailed link.</summary>
public sealed class NewStaffForm
{
    public string FullName { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public string Role { get; set; } = StaffRoles.Technician;
}

public sealed class NewStaffFormValidator : AbstractValidator<NewStaffForm>
{
    public NewStaffFormValidator()
    {
        RuleFor(f => f.FullName).NotEmpty().WithMessage("Enter the staff member's full name.")
            .MaximumLength(200).WithMessage("Keep the name under 200 characters.")
            .SingleLine("name");
        RuleFor(f => f.Email).SingleLine("email address");
        RuleFor(f => f.Email).NotEmpty().WithMessage("Enter the email address they will sign in with.")
            .EmailAddress().WithMessage("Enter a valid email address, like name@example.com.")
            .MaximumLength(254).WithMessage("Keep the email address under 254 characters.");
        RuleFor(f => f.Role).Must(StaffRoleText.IsKnown).WithMessage("Choose Owner, Technician or Reception.");
    }
}

public sealed class RoleForm
{
    public string Role { get; set; } = string.Empty;
}

public sealed class RoleFormValidator : AbstractValidator<RoleForm>
{
    public RoleFormValidator() =>
        RuleFor(f => f.Role).Must(StaffRoleText.IsKnown).WithMessage("Choose Owner, Technician or Reception.");
}

public static class StaffRoleText
{
    public static bool IsKnown(string? role) => StaffRoles.All.Contains(role, StringComparer.Ordinal);

    /// <summary>What each role may do, as the owner reads it when choosing.</summary>
    public static string Describe(string role) => role switch
    {
        StaffRoles.Owner => "Owner: everything, including staff, clinic settings, protocol and audit",
        StaffRoles.Technician => "Technician: clients, sessions and aftercare sheets",
        StaffRoles.Reception => "Reception: clients and their aftercare timelines; cannot log sessions",
        _ => role,
    };
}
