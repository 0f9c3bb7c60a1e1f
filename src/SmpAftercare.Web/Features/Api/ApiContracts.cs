using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using SmpAftercare.Domain.Clients;

namespace SmpAftercare.Web.Features.Api;

// The JSON the integration API reads and writes (camelCase on the wire). [Required] only documents what the
// validators insist on; the validators (the web forms' own) are what refuse a request.

[Description("A client to create.")]
public sealed class ClientRequest
{
    [Required]
    [Description("The client's full name.")]
    public string? FullName { get; init; }

    [Description("Email address; needed when emailReminders is true.")]
    public string? Email { get; init; }

    [Description("Mobile number, international (+447700900123) or national in the clinic's country.")]
    public string? Phone { get; init; }

    [Description("The client agreed to aftercare reminders by email.")]
    public bool EmailReminders { get; init; }

    [Description("The client agreed to aftercare reminders by SMS.")]
    public bool SmsReminders { get; init; }

    [Description("Notes for staff; never shown to the client.")]
    public string? Notes { get; init; }
}

[Description("A client of the key's clinic.")]
public sealed record ClientResponse(
    Guid Id,
    string FullName,
    string? Email,
    [property: Description("E.164, as stored.")] string? Phone,
    bool EmailReminders,
    bool SmsReminders,
    string? Notes,
    [property: Description("The client has a keloid history or noted contraindications: logging a session needs confirmContraindications.")] bool HasContraindications,
    bool Archived)
{
    public static ClientResponse From(Client client) => new(client.Id, client.FullName, client.Email, client.Phone,
        client.EmailConsent, client.SmsConsent, client.Notes, client.ContraindicationWarning is not null, client.IsArchived);
}

[Description("A treatment session that has taken place (or is logged as it starts).")]
public sealed class SessionRequest
{
    [Required]
    [Description("Clinic-local start, without offset: 2026-03-02T10:00 (seconds allowed).")]
    public string? StartsAt { get; init; }

    [Description("The last session of the treatment: starts the 30-day sun, swimming and sauna rules.")]
    public bool IsFinal { get; init; }

    [Required]
    [Description("Who did the session: a staff member's name or email links the session to them; any other name is stored as given.")]
    public string? Technician { get; init; }

    [Description("Notes for staff.")]
    public string? Notes { get; init; }

    public string? PigmentNotes { get; init; }

    public string? NeedleNotes { get; init; }

    public string? AreaNotes { get; init; }

    [Description("Must be true when the client has contraindications (see hasContraindications): the clinic has checked them.")]
    public bool ConfirmContraindications { get; init; }
}

[Description("Something the clinic should look at; the session was saved.")]
public sealed record ApiWarning(
    [property: Description("spacing: less than 7 days from the neighbouring session.")] string Code,
    string Message);

public sealed record SessionCreatedResponse(
    Guid Id,
    [property: Description("1 for the client's first session, and so on.")] int SessionNumber,
    IReadOnlyList<ApiWarning> Warnings);

public sealed record LinkResponse([property: Description("The client's personal aftercare page.")] string Url);

public sealed record TimelineResponse(
    [property: Description("The clinic's IANA time zone; every date and local time below is in it.")] string TimeZone,
    IReadOnlyList<TimelineSessionResponse> Sessions,
    IReadOnlyList<MilestoneResponse> Milestones,
    [property: Description("Day by day through the current course only: the sessions whose rules apply today, or the last course.")] IReadOnlyList<DayResponse> Days,
    IReadOnlyList<ApiWarning> Warnings,
    [property: Description("Earlier treatment courses (sessions more than 90 days apart start a new one), summarised.")] IReadOnlyList<CourseResponse> EarlierCourses);

public sealed record CourseResponse(DateOnly FirstDay, DateOnly LastDay, int Sessions);

public sealed record TimelineSessionResponse(
    Guid Id,
    int SessionNumber,
    [property: Description("Clinic-local start, yyyy-MM-ddTHH:mm.")] string StartsAt,
    DateTime StartsAtUtc,
    bool IsFinal,
    string Technician,
    [property: Description("The clinic protocol version the session was logged under.")] int ProtocolVersion);

public sealed record MilestoneResponse(
    [property: Description("Activity code: wetting, soap, products, shaving, touching, sweating, exercise, swimming, sauna, sun.")] string Activity,
    [property: Description("First day the activity is allowed again.")] DateOnly AllowedFrom,
    [property: Description("The session whose rule held the activity back until then.")] Guid SessionId);

public sealed record DayResponse(
    DateOnly Date,
    [property: Description("Days since the latest session (0 on a session day).")] int Day,
    [property: Description("Activity codes to avoid on this day.")] IReadOnlyList<string> Avoid,
    [property: Description("Care codes recommended on this day (moisturize, sunscreen).")] IReadOnlyList<string> Recommended,
    [property: Description("keepDry, waterOnly, healing, protectFromSun, takeItEasy or healed.")] string Phase);
