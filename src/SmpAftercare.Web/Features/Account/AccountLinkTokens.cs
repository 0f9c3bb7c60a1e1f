using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Account;

/// <summary>
/// Tokens for the links in account emails (invitation, password reset). Identity's DataProtectorTokenProvider
/// reads the system clock; this one takes the app's TimeProvider, so expiry is tested on a controlled clock.
/// The security stamp is inside: setting a password changes it, so a link works once.
/// </summary>
public sealed class AccountLinkTokens(IDataProtectionProvider protection, TimeProvider clock) : IUserTwoFactorTokenProvider<StaffUser>
{
    public const string ProviderName = "AccountLink";
    public const string InvitePurpose = "Invite";

    public static readonly TimeSpan InviteLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(2);

    private readonly IDataProtector _protector = protection.CreateProtector("SmpAftercare.AccountLinks");

    public static TimeSpan LifetimeFor(string purpose) => purpose == InvitePurpose ? InviteLifetime : ResetLifetime;

    public async Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var stamp = await manager.GetSecurityStampAsync(user);
        var expires = clock.GetUtcNow().Add(LifetimeFor(purpose)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var payload = string.Join('\n', await manager.GetUserIdAsync(user), purpose, stamp, expires);
        return WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes(payload)));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(token ?? string.Empty))).Split('\n');
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return false;
        }

        return parts.Length == 4
            && parts[0] == await manager.GetUserIdAsync(user)
            && parts[1] == purpose
            && parts[2] == await manager.GetSecurityStampAsync(user)
            && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && clock.GetUtcNow().ToUnixTimeSeconds() < expires;
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user) => Task.FromResult(false);
}
