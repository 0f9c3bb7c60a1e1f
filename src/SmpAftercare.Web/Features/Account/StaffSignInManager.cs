using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Account;

/// <summary>
/// Identity's sign-in manager, plus an audit row for every sign-in and every refused attempt on a known account,
/// whichever page made it (password, two-factor step, invitation). Refreshing a cookie is not a sign-in.
/// </summary>
public sealed class StaffSignInManager(
    UserManager<StaffUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<StaffUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation,
    AccountAudit audit)
    : SignInManager<StaffUser>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private bool _refreshing;

    private const string Locked = "account locked after too many wrong passwords";
    private const string WrongPassword = "wrong password";

    public override async Task<SignInResult> CheckPasswordSignInAsync(StaffUser user, string password, bool lockoutOnFailure)
    {
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(user, AuditActions.SignInFailed, Locked);
        }
        else if (!result.Succeeded && !result.IsNotAllowed)
        {
            await audit.RecordAsync(user, AuditActions.SignInFailed, WrongPassword);
        }

        return result;
    }

    /// <summary>
    /// A wrong password for this account, counted towards its lockout (StaffSignIn checks the password itself, since
    /// one address may have accounts at several clinics). True when the account is locked now.
    /// </summary>
    public async Task<bool> CountWrongPasswordAsync(StaffUser user)
    {
        await UserManager.AccessFailedAsync(user);
        var locked = await UserManager.IsLockedOutAsync(user);
        await audit.RecordAsync(user, AuditActions.SignInFailed, locked ? Locked : WrongPassword);
        return locked;
    }

    /// <summary>An attempt on a locked account, which is refused without looking at the password.</summary>
    public Task RecordLockedAsync(StaffUser user) => audit.RecordAsync(user, AuditActions.SignInFailed, Locked);

    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient);
        if (user is not null && !result.Succeeded)
        {
            await audit.RecordAsync(user, AuditActions.SignInFailed, result.IsLockedOut ? "account locked after too many wrong codes" : "wrong authenticator code");
        }

        return result;
    }

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (user is not null && !result.Succeeded)
        {
            await audit.RecordAsync(user, AuditActions.SignInFailed, "wrong recovery code");
        }
        else if (user is not null)
        {
            var left = await UserManager.CountRecoveryCodesAsync(user);
            await audit.RecordAsync(user, AuditActions.RecoveryCodeUsed, $"{left} recovery codes left");
        }

        return result;
    }

    public override async Task RefreshSignInAsync(StaffUser user)
    {
        _refreshing = true;
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            _refreshing = false;
        }
    }

    public override async Task SignInWithClaimsAsync(StaffUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.ToList();
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
        if (!_refreshing)
        {
            var how = claims.Any(c => c.Type == "amr" && c.Value == "mfa") ? "with an authenticator code" : "with a password";
            var kept = authenticationProperties?.IsPersistent == true ? "; kept signed in on this device" : string.Empty;
            await audit.RecordAsync(user, AuditActions.SignedIn, how + kept);
        }
    }
}
