using System.Security.Cryptography;

namespace SmpAftercare.Domain.Clients;

/// <summary>The secret in an opt-out address: the link itself is the proof, so no sign-in is needed to use it.</summary>
public static class OptOutTokens
{
    /// <summary>At most this long: a longer one in an address is not looked up.</summary>
    public const int MaxLength = 32;

    /// <summary>128 random bits, URL-safe (22 characters): short enough for an SMS.</summary>
    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
