namespace SmpAftercare.Domain.Clients;

/// <summary>Who did what to which client's data, and when (UTC). Written for every staff write and record view.</summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        UserId = UserName = Action = string.Empty;
    }

    public long Id { get; private set; }

    public Guid ClinicId { get; private set; }

    public string UserId { get; private set; }

    public string UserName { get; private set; }

    public string Action { get; private set; }

    public Guid? ClientId { get; private set; }

    public string? Details { get; private set; }

    public DateTime AtUtc { get; private set; }

    public static AuditEntry Record(Guid clinicId, string userId, string userName, string action, Guid? clientId, string? details, DateTime nowUtc)
    {
        if (clinicId == Guid.Empty || string.IsNullOrWhiteSpace(userId) || string.IsNullOrWhiteSpace(action))
        {
            throw new ArgumentException("An audit entry needs a clinic, a user and an action.");
        }

        return new AuditEntry
        {
            ClinicId = clinicId,
            UserId = userId,
            UserName = userName,
            Action = action,
            ClientId = clientId,
            Details = details,
            AtUtc = nowUtc,
        };
    }
}
