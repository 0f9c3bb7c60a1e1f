using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.Clients;

/// <summary>What staff record about a session.</summary>
public sealed record SessionDetails(
    DateTimeOffset StartsAt,
    int SessionNumber,
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

    public DateTimeOffset StartsAt => new(DateTime.SpecifyKind(StartsAtUtc, DateTimeKind.Utc));

    public static TreatmentSession Log(Client client, Guid protocolVersionId, SessionDetails details, DateTime nowUtc)
    {
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
        return session;
    }

    public void Change(SessionDetails details, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(details);
        // An old session keeps its date when other details change; a new date must be a plausible one.
        if (details.StartsAt.UtcDateTime != StartsAtUtc)
        {
            DateBounds.EnsurePlausibleSessionStart(details.StartsAt, nowUtc);
        }

        Apply(details);
        UpdatedAtUtc = nowUtc;
    }

    public TimelineSession ToTimeline(Protocol protocol) => new(Id, StartsAt, IsFinal, protocol);

    private void Apply(SessionDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (details.SessionNumber is < 1 or > 99)
        {
            throw new DomainException("The session number must be between 1 and 99.");
        }

        if (string.IsNullOrWhiteSpace(details.TechnicianName))
        {
            throw new DomainException("A session needs the technician who did it.");
        }

        StartsAtUtc = details.StartsAt.UtcDateTime;
        SessionNumber = details.SessionNumber;
        TechnicianId = details.TechnicianId;
        TechnicianName = details.TechnicianName.Trim();
        IsFinal = details.IsFinal;
        PigmentNotes = details.PigmentNotes.TrimmedOrNull();
        NeedleNotes = details.NeedleNotes.TrimmedOrNull();
        AreaNotes = details.AreaNotes.TrimmedOrNull();
        Notes = details.Notes.TrimmedOrNull();
    }
}
