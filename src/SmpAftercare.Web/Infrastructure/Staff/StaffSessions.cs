using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Infrastructure.Staff;

public sealed class StaffSessionOptions
{
    public const string Section = "StaffSession";

    /// <summary>How often an open interactive page re-checks its account (switched off, demoted, signed out).</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Whether a sign-in is still good: the account exists, is switched on, and its security stamp is the one the
/// sign-in was issued with. Signing out, switching an account off and changing its role all change the stamp.
/// </summary>
public static class StaffSessionCheck
{
    public static async Task<bool> IsCurrentAsync(AppDbContext db, ClaimsPrincipal user, string stampClaimType, CancellationToken cancellationToken = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = user.FindFirstValue(stampClaimType);
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(stamp))
        {
            return false;
        }

        var account = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.DisabledAtUtc })
            .SingleOrDefaultAsync(cancellationToken);
        return account is { DisabledAtUtc: null } && string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal);
    }

    /// <summary>
    /// Checks the cookie on every request instead of Identity's default of every 30 minutes: a cookie copied
    /// before sign-out must stop working at once (docs/decisions/0020-interactive-staff-shell.md). One indexed read.
    /// </summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { Identity.IsAuthenticated: true } principal)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (!await IsCurrentAsync(services.GetRequiredService<AppDbContext>(), principal, stampClaim, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}

/// <summary>Re-checks an open interactive page's sign-in on an interval; a failed check signs the page out.</summary>
public sealed class StaffAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identity,
    IOptions<StaffSessionOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await StaffSessionCheck.IsCurrentAsync(db, authenticationState.User, identity.Value.ClaimsIdentity.SecurityStampClaimType, cancellationToken);
    }
}
