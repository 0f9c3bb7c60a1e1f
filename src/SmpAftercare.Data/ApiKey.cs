using System.Security.Cryptography;
using System.Text;
using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Data;

/// <summary>
/// A key a clinic's booking system uses to call the integration API. Only a SHA-256 hash of the key is stored:
/// the key itself is shown once, when it is created, and cannot be read back from the database.
/// </summary>
public sealed class ApiKey
{
    public const int MaxLabelLength = 100;

    /// <summary>Marks the text as one of ours, so secret scanners and people can tell what a leaked string is.</summary>
    public const string KeyPrefix = "smp_";

    /// <summary>The prefix and 5 random characters (30 of the 256 bits): enough to tell keys apart, no help in guessing one.</summary>
    private const int ShownCharacters = 9;

    /// <summary>A key is marked used at most this often, so busy integrations do not write on every request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private ApiKey()
    {
        Label = Hash = Start = CreatedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ClinicId { get; private set; }

    public string Label { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public string Hash { get; private set; }

    /// <summary>The key's first characters ("smp_Ab3dE"), shown in the list so the owner can tell which key is which.</summary>
    public string Start { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? LastUsedAtUtc { get; private set; }

    public DateTime? RevokedAtUtc { get; private set; }

    public bool IsRevoked => RevokedAtUtc is not null;

    /// <summary>Creates a key; <paramref name="secret"/> is the only time the key itself exists outside the caller.</summary>
    public static ApiKey Issue(Guid clinicId, string label, string createdBy, DateTime nowUtc, out string secret)
    {
        if (clinicId == Guid.Empty)
        {
            throw new DomainException("An API key belongs to a clinic.");
        }

        if (string.IsNullOrWhiteSpace(label) || label.Trim().Length > MaxLabelLength)
        {
            throw new DomainException($"An API key needs a name of at most {MaxLabelLength} characters.");
        }

        // 256 random bits: far beyond guessing, so a plain (unsalted) hash is enough to look the key up by.
        secret = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        return new ApiKey
        {
            Id = Guid.NewGuid(),
            ClinicId = clinicId,
            Label = label.Trim(),
            Hash = HashOf(secret),
            Start = secret[..ShownCharacters],
            CreatedBy = string.IsNullOrWhiteSpace(createdBy) ? "unknown" : createdBy.Trim(),
            CreatedAtUtc = nowUtc,
        };
    }

    public static string HashOf(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;

    /// <summary>Records a use; returns whether anything changed (and needs saving).</summary>
    public bool MarkUsed(DateTime nowUtc)
    {
        if (LastUsedAtUtc is { } last && nowUtc - last < LastUsedResolution && nowUtc >= last)
        {
            return false;
        }

        LastUsedAtUtc = nowUtc;
        return true;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
