namespace SmpAftercare.Web.Features.Account;

public static class AccountPolicy
{
    /// <summary>How long "keep me signed in on this device" lasts without a visit (the cookie slides).</summary>
    public static readonly TimeSpan KeptSignedIn = TimeSpan.FromDays(14);
}
