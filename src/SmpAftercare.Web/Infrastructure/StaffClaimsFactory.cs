using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Infrastructure;

/// <summary>Puts the staff member's clinic and name into the cookie, so every request knows its tenant.</summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(StaffClaims.ClinicId, user.ClinicId.ToString("D", CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(StaffClaims.FullName, user.FullName));
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(StaffClaims.TwoFactorOn, "true"));
        }

        return identity;
    }
}
