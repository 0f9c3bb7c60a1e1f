using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Account;

public static class LogoutEndpoint
{
    /// <summary>
    /// Signing out ends the sign-in everywhere: a new security stamp makes every cookie issued before it (including
    /// one copied off this machine) fail the per-request check, not just the one this browser deletes.
    /// </summary>
    public static async Task<IResult> Handle(ClaimsPrincipal principal, SignInManager<StaffUser> signIn, UserManager<StaffUser> users)
    {
        if (await users.GetUserAsync(principal) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return Results.LocalRedirect("/account/login");
    }
}
