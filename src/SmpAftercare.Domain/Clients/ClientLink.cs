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
/// hash, never the token. A client may hold several working links at once (one per printed sheet or message),
/// because a link cannot be shown again once made; revoking stops all of them.
/// </summary>
public sealed class ClientLink
{
    private ClientLink()
    {
        TokenHash = CreatedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ClinicId { get; private set; }

    public Guid ClientId { get; private set; }

    /// <summary>SHA-256 of the token, lower-case hex (<see cref="ClientLinkToken.Hash"/>).</summary>
    public string TokenHash { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>Who made it: a staff member's name, or "system" for a job or the command line.</summary>
    public string CreatedBy { get; private set; }

    public DateTime? RevokedAtUtc { get; private set; }

    public bool IsRevoked => RevokedAtUtc is not null;

    public static ClientLink Create(string tokenHash, Guid clientId, Guid clinicId, string createdBy, DateTime nowUtc)
    {
        if (!ClientLinkToken.IsHash(tokenHash))
        {
            throw new DomainException("A personal link stores the SHA-256 hash of its token (64 lower-case hex digits), never the token.");
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
