using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.Clients;

public enum ContactChannel
{
    None,
    Email,
    Sms,
}

/// <summary>What a clinic records about a client; validated by the form, guarded again here.</summary>
public sealed record ClientDetails(
    string FullName,
    string? Email,
    string? Phone,
    ContactChannel PreferredChannel,
    bool EmailConsent,
    bool SmsConsent,
    string? SkinNotes,
    string? Contraindications,
    bool KeloidHistory,
    string? Notes,
    DateOnly? PlannedNextSession = null);

/// <summary>A clinic's client. Phone numbers are kept in E.164; consent is per channel.</summary>
public sealed class Client
{
    private Client()
    {
        FullName = EmailOptOutToken = SmsOptOutToken = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ClinicId { get; private set; }

    public string FullName { get; private set; }

    public string? Email { get; private set; }

    /// <summary>Mobile phone in E.164.</summary>
    public string? Phone { get; private set; }

    public ContactChannel PreferredChannel { get; private set; }

    public bool EmailConsent { get; private set; }

    public bool SmsConsent { get; private set; }

    public string? SkinNotes { get; private set; }

    public string? Contraindications { get; private set; }

    /// <summary>Keloid scarring history: the sources say such clients should not have SMP (003).</summary>
    public bool KeloidHistory { get; private set; }

    public string? Notes { get; private set; }

    /// <summary>A next session the clinic has planned but not yet held; drives the day-before reminder.</summary>
    public DateOnly? PlannedNextSession { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>
    /// The client's own opt-out address for emails: any message to the client can carry it, whether or not a reminder
    /// exists (docs/decisions/0019). Random and unguessable like a reminder's; it never changes.
    /// </summary>
    public string EmailOptOutToken { get; private set; }

    /// <summary>The same for text messages.</summary>
    public string SmsOptOutToken { get; private set; }

    public DateTime? ArchivedAtUtc { get; private set; }

    public bool IsArchived => ArchivedAtUtc is not null;

    /// <summary>
    /// Goes up with every change to the client's details or sessions. The database refuses a save made from an older
    /// version, so two concurrent changes to one client's sessions cannot both commit rules that only hold one at a
    /// time, and an edit made on a page opened before someone else's save does not silently overwrite it.
    /// </summary>
    public int Version { get; private set; }

    /// <summary>A warning staff must see before logging a session, or null.</summary>
    public string? ContraindicationWarning => (KeloidHistory, string.IsNullOrWhiteSpace(Contraindications)) switch
    {
        (true, _) => "Keloid scarring history: the sources advise against SMP for people who form keloid scars. " +
                     "Confirm with the client (and their doctor) before treating." +
                     (string.IsNullOrWhiteSpace(Contraindications) ? string.Empty : $" Also noted: {Contraindications}"),
        (false, false) => $"Contraindications noted: {Contraindications}",
        _ => null,
    };

    public static Client Create(Guid clinicId, ClientDetails details, string? region, DateTime nowUtc)
    {
        if (clinicId == Guid.Empty)
        {
            throw new DomainException("A client belongs to a clinic.");
        }

        var client = new Client
        {
            Id = Guid.NewGuid(),
            ClinicId = clinicId,
            CreatedAtUtc = nowUtc,
            EmailOptOutToken = OptOutTokens.New(),
            SmsOptOutToken = OptOutTokens.New(),
        };
        client.Apply(details, region);
        return client;
    }

    public void Update(ClientDetails details, string? region)
    {
        Apply(details, region);
        Version++;
    }

    private void Apply(ClientDetails details, string? region)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (string.IsNullOrWhiteSpace(details.FullName))
        {
            throw new DomainException("A client needs a name.");
        }

        // Name and email address go into the To header of the client's reminders.
        SingleLineText.Require(details.FullName, "client's name");
        SingleLineText.Require(details.Email, "client's email address");

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(details.Phone))
        {
            phone = PhoneNumber.TryNormalize(details.Phone, region, out var e164)
                ? e164
                : throw new DomainException($"'{details.Phone}' is not a valid mobile number.");
        }

        var email = details.Email.TrimmedOrNull();
        if (email is not null && (!email.Contains('@', StringComparison.Ordinal) || email.Length > 254))
        {
            throw new DomainException($"'{details.Email}' is not a valid email address.");
        }

        FullName = details.FullName.Trim();
        Email = email;
        Phone = phone;
        PreferredChannel = details.PreferredChannel;
        // Consent without an address means nothing; keep the two consistent.
        EmailConsent = details.EmailConsent && email is not null;
        SmsConsent = details.SmsConsent && phone is not null;
        SkinNotes = details.SkinNotes.TrimmedOrNull();
        Contraindications = details.Contraindications.TrimmedOrNull();
        KeloidHistory = details.KeloidHistory;
        Notes = details.Notes.TrimmedOrNull();
        PlannedNextSession = details.PlannedNextSession;
    }

    public void SessionsChanged() => Version++;

    public void Archive(DateTime nowUtc) => ArchivedAtUtc ??= nowUtc;

    public void Restore() => ArchivedAtUtc = null;

    /// <summary>The channel whose opt-out address this is, or None when it is not one of this client's.</summary>
    public ContactChannel OptOutChannel(string token) =>
        string.Equals(token, EmailOptOutToken, StringComparison.Ordinal) ? ContactChannel.Email
        : string.Equals(token, SmsOptOutToken, StringComparison.Ordinal) ? ContactChannel.Sms
        : ContactChannel.None;

    public string OptOutToken(ContactChannel channel) => channel switch
    {
        ContactChannel.Email => EmailOptOutToken,
        ContactChannel.Sms => SmsOptOutToken,
        _ => throw new DomainException("Opting out is per email or text message."),
    };

    public void OptOut(ContactChannel channel)
    {
        if (channel == ContactChannel.Email)
        {
            EmailConsent = false;
        }
        else if (channel == ContactChannel.Sms)
        {
            SmsConsent = false;
        }
    }

    /// <summary>Whether any reminder can reach this client (consent plus an address on some channel).</summary>
    public bool CanReceiveReminders => EmailConsent || SmsConsent;
}
