using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.Clients;

public enum ClientLinkState
{
    Active,
    Expired,
    Revoked,
}

/// <summary>
/// A personal link that opens one client's aftercare timeline without signing in. The row holds the token's
/// hash (the public page's lookup key) and the token encrypted by the app (so staff can show, copy and print the
/// same link again), never the token itself. A client has at most one current link (docs/decisions/0010); rows
/// from before that release carry no encrypted token and keep working until they expire or are revoked.
/// </summary>
public sealed class ClientLink
{
    private ClientLink()
    {
        TokenHash = CreatedBy = string.Empty;
    }

    /// <summary>The largest encrypted token stored; Data Protection's output for a 43-character token is far smaller.</summary>
    public const int ProtectedTokenMaxLength = 500;

    public Guid Id { get; private set; }

    public Guid ClinicId { get; private set; }

    public Guid ClientId { get; private set; }

    /// <summary>SHA-256 of the token, lower-case hex (<see cref="ClientLinkToken.Hash"/>).</summary>
    public string TokenHash { get; private set; }

    /// <summary>
    /// The token encrypted with the app's Data Protection keys; null for a link made before links could be shown
    /// again (it still works, but only its holder knows the address).
    /// </summary>
    public string? ProtectedToken { get; private set; }

    /// <summary>A link staff can show again; the one current link of its client while it is not revoked.</summary>
    public bool CanBeShown => ProtectedToken is not null;

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>Who made it: a staff member's name, or "system" for a job or the command line.</summary>
    public string CreatedBy { get; private set; }

    public DateTime? RevokedAtUtc { get; private set; }

    public bool IsRevoked => RevokedAtUtc is not null;

    /// <param name="protectedToken">The token as the app's encryption returned it; never the token itself.</param>
    public static ClientLink Create(string tokenHash, string protectedToken, Guid clientId, Guid clinicId, string createdBy, DateTime nowUtc)
    {
        if (!ClientLinkToken.IsHash(tokenHash))
        {
            throw new DomainException("A personal link stores the SHA-256 hash of its token (64 lower-case hex digits), never the token.");
        }

        // A plain token handed over by mistake would hash to the stored hash: refused, so it never reaches the database.
        if (string.IsNullOrWhiteSpace(protectedToken) || protectedToken.Length > ProtectedTokenMaxLength
            || ClientLinkToken.Hash(protectedToken) == tokenHash)
        {
            throw new DomainException("A personal link stores its token encrypted, never in plain text.");
        }

        if (clientId == Guid.Empty || clinicId == Guid.Empty)
        {
            throw new DomainException("A personal link belongs to a client of a clinic.");
        }

        if (string.IsNullOrWhiteSpace(createdBy))
        {
            throw new DomainException("A personal link records who made it.");
        }

        if (nowUtc.Kind != DateTimeKind.Utc)
        {
            throw new DomainException("A personal link's creation time must be UTC.");
        }

        return new ClientLink
        {
            Id = Guid.NewGuid(),
            ClinicId = clinicId,
            ClientId = clientId,
            TokenHash = tokenHash,
            ProtectedToken = protectedToken,
            CreatedBy = createdBy.Trim(),
            CreatedAtUtc = nowUtc,
        };
    }

    /// <summary>Stops the link at once. Revoking twice keeps the first time.</summary>
    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;

    /// <summary>
    /// The last date (on the clinic's calendar) the link works: <paramref name="validityDays"/> after the client's
    /// last milestone. Computed on every request rather than stored, so logging another session extends it.
    /// A link made after the last milestone (or before any session) counts from the day it was made instead,
    /// so a freshly made link is never born expired.
    /// </summary>
    public DateOnly LastValidDay(DateOnly? timelineLastDay, ClinicTimeZone zone, int validityDays)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (validityDays < 0)
        {
            throw new DomainException("A personal link cannot be valid for a negative number of days.");
        }

        var madeOn = zone.DateOf(new DateTimeOffset(DateTime.SpecifyKind(CreatedAtUtc, DateTimeKind.Utc)));
        var from = timelineLastDay is { } last && last > madeOn ? last : madeOn;
        return from.AddDays(validityDays);
    }

    public ClientLinkState StateOn(DateOnly today, DateOnly lastValidDay) =>
        IsRevoked ? ClientLinkState.Revoked : today > lastValidDay ? ClientLinkState.Expired : ClientLinkState.Active;
}
