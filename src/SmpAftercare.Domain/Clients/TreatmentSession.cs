using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.Clients;

/// <summary>What staff record about a session. The session number is not among them: it is the session's place in time order.</summary>
public sealed record SessionDetails(
    DateTimeOffset StartsAt,
    string? TechnicianId,
    string TechnicianName,
    bool IsFinal,
    string? PigmentNotes,
    string? NeedleNotes,
    string? AreaNotes,
    string? Notes);

/// <summary>
/// A treatment session. It keeps the protocol version it was logged under, so a later protocol change never
/// rewrites a client's timeline behind their back.
/// </summary>
public sealed class TreatmentSession
{
    private TreatmentSession()
    {
        TechnicianName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ClinicId { get; private set; }

    public Guid ClientId { get; private set; }

    public DateTime StartsAtUtc { get; private set; }

    public int SessionNumber { get; private set; }

    public string? TechnicianId { get; private set; }

    public string TechnicianName { get; private set; }

    public bool IsFinal { get; private set; }

    public string? PigmentNotes { get; private set; }

    public string? NeedleNotes { get; private set; }

    public string? AreaNotes { get; private set; }

    public string? Notes { get; private set; }

    public Guid ProtocolVersionId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? UpdatedAtUtc { get; private set; }

    /// <summary>
    /// Set only on rows the release before session invariants left behind (a second session at the same instant, a
    /// session after the final one): such a session is kept out of the client's timeline and numbering until staff
    /// move or delete it. Null for every session saved since.
    /// </summary>
    public SessionReview? Review { get; private set; }

    public DateTimeOffset StartsAt => new(DateTime.SpecifyKind(StartsAtUtc, DateTimeKind.Utc));

    /// <param name="others">The client's sessions already logged (sessions waiting for review are left out).</param>
    public static TreatmentSession Log(Client client, Guid protocolVersionId, SessionDetails details, IEnumerable<TreatmentSession> others, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(others);
        ArgumentNullException.ThrowIfNull(client);
        if (client.IsArchived)
        {
            throw new DomainException("Restore the client before logging a session: the client is archived.");
        }

        if (protocolVersionId == Guid.Empty)
        {
            throw new DomainException("A session is logged under a protocol version.");
        }

        ArgumentNullException.ThrowIfNull(details);
        DateBounds.EnsurePlausibleSessionStart(details.StartsAt, nowUtc);
        var session = new TreatmentSession
        {
            Id = Guid.NewGuid(),
            ClinicId = client.ClinicId,
            ClientId = client.Id,
            ProtocolVersionId = protocolVersionId,
            CreatedAtUtc = nowUtc,
        };
        session.Apply(details);
        SessionOrder.Renumber(client, [.. others, session]);
        return session;
    }

    /// <param name="others">The client's other sessions (this one and sessions waiting for review are left out).</param>
    /// <remarks>A session waiting for review that is changed so the client's sessions hold together again is kept from then on.</remarks>
    public void Change(Client client, SessionDetails details, IEnumerable<TreatmentSession> others, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(others);
        ArgumentNullException.ThrowIfNull(details);
        // An old session keeps its date when other details change; a new date must be a plausible one.
        if (details.StartsAt.UtcDateTime != StartsAtUtc)
        {
            DateBounds.EnsurePlausibleSessionStart(details.StartsAt, nowUtc);
        }

        Apply(details);
        Review = null;
        UpdatedAtUtc = nowUtc;
        SessionOrder.Renumber(client, [.. others.Where(o => o.Id != Id), this]);
    }

    internal void NumberAs(int number) => SessionNumber = number;

    public TimelineSession ToTimeline(Protocol protocol) => new(Id, StartsAt, IsFinal, protocol);

    private void Apply(SessionDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (string.IsNullOrWhiteSpace(details.TechnicianName))
        {
            throw new DomainException("A session needs the technician who did it.");
        }

        StartsAtUtc = details.StartsAt.UtcDateTime;
        TechnicianId = details.TechnicianId;
        TechnicianName = details.TechnicianName.Trim();
        IsFinal = details.IsFinal;
        PigmentNotes = details.PigmentNotes.TrimmedOrNull();
        NeedleNotes = details.NeedleNotes.TrimmedOrNull();
        AreaNotes = details.AreaNotes.TrimmedOrNull();
        Notes = details.Notes.TrimmedOrNull();
    }
}

/// <summary>Why a session left by an earlier release waits for staff.</summary>
public enum SessionReview
{
    /// <summary>Another session of the client starts at the same instant (the earlier-saved one is kept).</summary>
    SameInstant,

    /// <summary>The session comes after the client's final session.</summary>
    AfterFinal,
}
