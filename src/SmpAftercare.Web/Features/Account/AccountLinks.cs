using System.Globalization;
using Microsoft.AspNetCore.Identity;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Account;

/// <summary>The set-your-password links that invitations and reset emails carry, and the mails' text.</summary>
public sealed class AccountLinks(UserManager<StaffUser> users, PublicUrls urls)
{
    public const string InvitePath = "/account/invitation";
    public const string ResetPath = "/account/reset-password";

    public async Task<string> InvitationAsync(StaffUser user) =>
        Link(InvitePath, user, await users.GenerateUserTokenAsync(user, AccountLinkTokens.ProviderName, AccountLinkTokens.InvitePurpose));

    public async Task<string> PasswordResetAsync(StaffUser user) =>
        Link(ResetPath, user, await users.GeneratePasswordResetTokenAsync(user));

    public Task<bool> IsValidInvitationAsync(StaffUser user, string? token) =>
        users.VerifyUserTokenAsync(user, AccountLinkTokens.ProviderName, AccountLinkTokens.InvitePurpose, token ?? string.Empty);

    public static string InvitationMailBody(string name, string clinic, string inviter, string link) => string.Create(CultureInfo.InvariantCulture, $"""
        Hello {name},

        {inviter} has invited you to {clinic}'s SmpAftercare, where the clinic keeps its clients' aftercare.

        Choose your password here (the link works once, for {AccountLinkTokens.InviteLifetime.Days} days):
        {link}

        After that you sign in with this email address and your password.
        """);

    public static string ResetMailBody(string name, string link) => string.Create(CultureInfo.InvariantCulture, $"""
        Hello {name},

        Someone asked to reset the password of your SmpAftercare account. If it was you, choose a new password here
        (the link works once, for {(int)AccountLinkTokens.ResetLifetime.TotalHours} hours):
        {link}

        If it was not you, ignore this email: your password stays as it is.
        """);

    /// <summary>For an address with accounts at several clinics: a link per clinic, each naming its clinic.</summary>
    public static string ResetMailBody(string name, IReadOnlyList<(string Clinic, string Link)> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        var each = string.Join("\n\n", links.Select(l => $"{l.Clinic}:\n{l.Link}"));
        return string.Create(CultureInfo.InvariantCulture, $"""
            Hello {name},

            Someone asked to reset the password of your SmpAftercare account. Your email address has an account at
            {links.Count} clinics, each with its own password. If it was you, choose a new password for the clinic
            you need (each link works once, for {(int)AccountLinkTokens.ResetLifetime.TotalHours} hours):

            {each}

            If it was not you, ignore this email: your passwords stay as they are.
            """);
    }

    private string Link(string path, StaffUser user, string token) =>
        $"{urls.BaseUrl}{path}?user={Uri.EscapeDataString(user.Id)}&code={Uri.EscapeDataString(token)}";
}
