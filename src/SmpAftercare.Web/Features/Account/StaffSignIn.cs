using System.Net;
using Microsoft.AspNetCore.Identity;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Account;

public enum SignInOutcome
{
    SignedIn,
    RequiresTwoFactor,
    WrongEmailOrPassword,
    LockedOut,
    SwitchedOff,
    TooManyFromAddress,
}

/// <summary>
/// The sign-in decision, kept out of the page so every answer is given only with what the caller already proved:
/// an unknown address costs the same password check as a known one, and an account's state (switched off) is told
/// only to someone who gave its password.
/// </summary>
public sealed class StaffSignIn(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    IPasswordHasher<StaffUser> hasher,
    SignInThrottle throttle,
    UnknownAccountHash unknownAccount)
{
    public async Task<SignInOutcome> SignInAsync(string email, string password, bool keepSignedIn, IPAddress? address)
    {
        if (throttle.IsBlocked(address))
        {
            return SignInOutcome.TooManyFromAddress;
        }

        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            // A real account's answer waits for a password hash check (the slow part of signing in by design);
            // without the same check here the time taken would tell which addresses have an account.
            unknownAccount.Verify(hasher, password);
            throttle.RecordFailure(address);
            return SignInOutcome.WrongEmailOrPassword;
        }

        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            // A locked account is not checked (that would keep the guessing going): the same hash work instead.
            unknownAccount.Verify(hasher, password);
            throttle.RecordFailure(address);
            return SignInOutcome.LockedOut;
        }

        if (!check.Succeeded)
        {
            throttle.RecordFailure(address);
            return SignInOutcome.WrongEmailOrPassword;
        }

        if (user.DisabledAtUtc is not null)
        {
            return SignInOutcome.SwitchedOff;
        }

        // The password is proven: Identity's own sign-in now either signs in or, for an account with two-factor
        // on, sets its two-factor cookie and asks for the code (LoginTwoFactor).
        var result = await signIn.PasswordSignInAsync(user, password, keepSignedIn, lockoutOnFailure: true);
        return result.RequiresTwoFactor ? SignInOutcome.RequiresTwoFactor
            : result.Succeeded ? SignInOutcome.SignedIn
            : SignInOutcome.WrongEmailOrPassword;
    }
}

/// <summary>A hash of a random password, made once with the app's own hasher settings, to check unknown accounts against.</summary>
public sealed class UnknownAccountHash
{
    private static readonly StaffUser Nobody = new();
    private string? _hash;

    public void Verify(IPasswordHasher<StaffUser> hasher, string password)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        _hash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        hasher.VerifyHashedPassword(Nobody, _hash, password);
    }
}

public static class AccountSetup
{
    public static void AddStaffSignIn(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<SignInOptions>(builder.Configuration.GetSection(SignInOptions.Section));
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<UnknownAccountHash>();
        builder.Services.AddScoped<StaffSignIn>();
    }
}
