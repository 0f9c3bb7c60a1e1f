using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SmpAftercare.Domain.Clients;

/// <summary>
/// The secret in a client's personal link (/c/{token}). Only its SHA-256 hash is stored, so a copy of the
/// database does not open anyone's timeline. A plain (unsalted) hash is enough here: the token carries 256 random
/// bits, far beyond guessing or precomputed tables, and an unsalted hash is what lets a request find its row.
/// </summary>
public static class ClientLinkToken
{
    /// <summary>32 random bytes: 256 bits, twice the 128 the product asks for.</summary>
    public const int RandomBytes = 32;

    /// <summary>Base64url of 32 bytes without padding.</summary>
    public const int Length = 43;

    /// <summary>Lower-case hex of a SHA-256 hash.</summary>
    public const int HashLength = 64;

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Whether the text could be a token at all; anything else is refused before touching the database.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    public static bool IsHash(string? hash) =>
        hash is { Length: HashLength } && hash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
