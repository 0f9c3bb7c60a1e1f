using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>The password opened accounts at more than one clinic: the person picks one (Login's second step).</summary>
    ChooseClinic,
}

/// <summary>A clinic whose account the password opened, offered when it opened more than one.</summary>
public sealed record ClinicChoice(Guid ClinicId, string Name);

public sealed record SignInAnswer(SignInOutcome Outcome, IReadOnlyList<ClinicChoice> Clinics)
{
    public static SignInAnswer Of(SignInOutcome outcome) => new(outcome, []);
}

/// <summary>
/// The sign-in decision, kept out of the page so every answer is given only with what the caller already proved:
/// an unknown address costs the same password check as a known one, and an account's state (switched off) is told
/// only to someone who gave its password. An address may have an account at several clinics
/// (docs/decisions/0016-staff-email-per-clinic.md): the password is checked against each, and the clinics are
/// named only when it opened more than one of them.
/// </summary>
public sealed class StaffSignIn(
    StaffSignInManager signIn,
    UserManager<StaffUser> users,
    AppDbContext db,
    IPasswordHasher<StaffUser> hasher,
    SignInThrottle throttle,
    UnknownAccountHash unknownAccount)
{
    /// <param name="clinicId">The clinic chosen after the password opened accounts at several; null at first.</param>
    public async Task<SignInAnswer> SignInAsync(string email, string password, bool keepSignedIn, Guid? clinicId, IPAddress? address)
    {
        if (throttle.IsBlocked(address))
        {
            return SignInAnswer.Of(SignInOutcome.TooManyFromAddress);
        }

        var accounts = (await users.AccountsWithAsync(email)).Where(a => clinicId is null || a.ClinicId == clinicId).ToList();
        if (accounts.Count == 0)
        {
            // A real account's answer waits for a password hash check (the slow part of signing in by design);
            // without the same check here the time taken would tell which addresses have an account.
            unknownAccount.Verify(hasher, password);
            throttle.RecordFailure(address);
            return SignInAnswer.Of(SignInOutcome.WrongEmailOrPassword);
        }

        var opened = new List<StaffUser>();
        var refused = new List<StaffUser>();
        var locked = false;
        foreach (var account in accounts)
        {
            if (await users.IsLockedOutAsync(account))
            {
                // A locked account is not checked (that would keep the guessing going): the same hash work instead.
                unknownAccount.Verify(hasher, password);
                await signIn.RecordLockedAsync(account);
                locked = true;
            }
            else if (account.PasswordHash is null)
            {
                // Invited, no password chosen yet: Identity would answer at once, and the speed would tell.
                unknownAccount.Verify(hasher, password);
                refused.Add(account);
            }
            else if (await users.CheckPasswordAsync(account, password))
            {
                opened.Add(account);
            }
            else
            {
                refused.Add(account);
            }
        }

        if (opened.Count == 0)
        {
            // Counted against each account only when the password opened none: someone with accounts at two
            // clinics and two passwords would otherwise lock one by signing in to the other.
            foreach (var account in refused)
            {
                locked |= await signIn.CountWrongPasswordAsync(account);
            }

            throttle.RecordFailure(address);
            return SignInAnswer.Of(locked ? SignInOutcome.LockedOut : SignInOutcome.WrongEmailOrPassword);
        }

        var active = opened.Where(a => a.DisabledAtUtc is null).ToList();
        if (active.Count == 0)
        {
            return SignInAnswer.Of(SignInOutcome.SwitchedOff);
        }

        if (active.Count > 1)
        {
            // The password is proven for each of these accounts, so naming their clinics tells nothing new.
            var ids = active.Select(a => a.ClinicId).ToList();
            var clinics = await db.Clinics.IgnoreQueryFilters().Where(c => ids.Contains(c.Id))
                .OrderBy(c => c.Name).Select(c => new ClinicChoice(c.Id, c.Name)).ToListAsync();
            return new SignInAnswer(SignInOutcome.ChooseClinic, clinics);
        }

        // The password is proven: Identity's own sign-in now either signs in or, for an account with two-factor
        // on, sets its two-factor cookie and asks for the code (LoginTwoFactor).
        var result = await signIn.PasswordSignInAsync(active[0], password, keepSignedIn, lockoutOnFailure: true);
        return SignInAnswer.Of(result.RequiresTwoFactor ? SignInOutcome.RequiresTwoFactor
            : result.Succeeded ? SignInOutcome.SignedIn
            : SignInOutcome.WrongEmailOrPassword);
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
