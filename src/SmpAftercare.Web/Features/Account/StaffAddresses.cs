using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Account;

/// <summary>
/// An email address has at most one account per clinic and may have one at each of several clinics (a freelance
/// technician): checking it across clinics would tell an owner which addresses other clinics use
/// (docs/decisions/0016-staff-email-per-clinic.md). Every lookup by address goes through here and never through
/// Identity's FindByEmailAsync, which expects one account per address and throws when it finds two.
/// </summary>
public static class StaffAddresses
{
    public const string ClinicHasAddress = "Your clinic already has an account with this email address.";

    /// <summary>Every account with the address, at any clinic, in a fixed order.</summary>
    public static Task<List<StaffUser>> AccountsWithAsync(this UserManager<StaffUser> users, string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        var normalized = users.NormalizeEmail(email.Trim());
        return users.Users.Where(u => u.NormalizedEmail == normalized).OrderBy(u => u.ClinicId).ToListAsync(cancellationToken);
    }

    /// <summary>Whether the clinic has an account with the address (other than <paramref name="exceptId"/>).</summary>
    public static Task<bool> ClinicHasAsync(this UserManager<StaffUser> users, Guid clinicId, string email, string? exceptId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        var normalized = users.NormalizeEmail(email.Trim());
        return users.Users.AnyAsync(u => u.ClinicId == clinicId && u.NormalizedEmail == normalized && u.Id != exceptId, cancellationToken);
    }
}

/// <summary>
/// Identity's RequireUniqueEmail looks across every clinic; this looks within the account's clinic only. The unique
/// index on clinic and address (StaffUserConfiguration) decides when two requests race past this check.
/// </summary>
public sealed class OneAccountPerClinic : IUserValidator<StaffUser>
{
    public const string Code = "DuplicateEmailInClinic";

    public async Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(user.Email))
        {
            return IdentityResult.Failed(new IdentityError { Code = "InvalidEmail", Description = "An account needs an email address." });
        }

        return await manager.ClinicHasAsync(user.ClinicId, user.Email, user.Id)
            ? IdentityResult.Failed(new IdentityError { Code = Code, Description = StaffAddresses.ClinicHasAddress })
            : IdentityResult.Success;
    }
}
