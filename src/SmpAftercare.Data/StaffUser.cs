using Microsoft.AspNetCore.Identity;

namespace SmpAftercare.Data;

/// <summary>A clinic staff account. Every account belongs to exactly one clinic.</summary>
public sealed class StaffUser : IdentityUser
{
    public Guid ClinicId { get; set; }

    public string FullName { get; set; } = string.Empty;

    public DateTime? DisabledAtUtc { get; set; }

    /// <summary>
    /// A new account. An address is unique within a clinic, not across clinics (docs/decisions/0016), so it cannot be
    /// the user name Identity keeps unique over the whole table: the account's own id is. Accounts made before
    /// keep their address as user name; nothing looks accounts up by user name.
    /// </summary>
    public static StaffUser Create(Guid clinicId, string email, string fullName)
    {
        var user = new StaffUser { Email = email, FullName = fullName, ClinicId = clinicId };
        user.UserName = user.Id;
        return user;
    }
}

public static class StaffRoles
{
    public const string Owner = "Owner";
    public const string Technician = "Technician";
    public const string Reception = "Reception";

    /// <summary>Owner and technicians: log sessions, print sheets.</summary>
    public const string Clinical = Owner + "," + Technician;

    public static readonly IReadOnlyList<string> All = [Owner, Technician, Reception];

    /// <summary>
    /// Not a clinic role (not in <see cref="All"/>, not offered on the staff pages): whoever runs the installation,
    /// on top of their clinic role. The owner who sets up a fresh installation gets it; the admin command line
    /// grants and revokes it (docs/cli.md).
    /// </summary>
    public const string Operator = "Operator";
}

public static class StaffClaims
{
    public const string ClinicId = "smp:clinic";
    public const string FullName = "smp:name";

    /// <summary>The account signs in with an authenticator code (turning it on or off re-issues the cookie).</summary>
    public const string TwoFactorOn = "smp:2fa";
}
