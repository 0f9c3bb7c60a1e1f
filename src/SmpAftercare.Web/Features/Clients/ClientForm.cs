using FluentValidation;
using SmpAftercare.Domain.Clients;

namespace SmpAftercare.Web.Features.Clients;

public sealed class ClientForm
{
    public string FullName { get; set; } = string.Empty;

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public ContactChannel PreferredChannel { get; set; } = ContactChannel.None;

    public bool EmailConsent { get; set; }

    public bool SmsConsent { get; set; }

    public string? SkinNotes { get; set; }

    public string? Contraindications { get; set; }

    public bool KeloidHistory { get; set; }

    public string? Notes { get; set; }

    public DateOnly? PlannedNextSession { get; set; }

    /// <summary>The clinic's region (GB, US ...) for reading national phone numbers; set by the page, never posted.</summary>
    public string? Region { get; set; }

    /// <summary>Today on the clinic's calendar, for the planned next session's bounds; set through <see cref="On"/>, never posted.</summary>
    public DateOnly? Today { get; private set; }

    /// <summary>The planned date already saved: kept as it is even when it has passed, so editing a name never fails on it.</summary>
    public DateOnly? SavedPlannedNextSession { get; private set; }

    public ClientForm On(DateOnly today, DateOnly? savedPlannedNextSession)
    {
        Today = today;
        SavedPlannedNextSession = savedPlannedNextSession;
        return this;
    }

    public ClientDetails ToDetails() => new(FullName, Email, Phone, PreferredChannel, EmailConsent, SmsConsent, SkinNotes,
        Contraindications, KeloidHistory, Notes, PlannedNextSession);

    public static ClientForm From(Client client) => new()
    {
        FullName = client.FullName,
        Email = client.Email,
        Phone = client.Phone,
        PreferredChannel = client.PreferredChannel,
        EmailConsent = client.EmailConsent,
        SmsConsent = client.SmsConsent,
        SkinNotes = client.SkinNotes,
        Contraindications = client.Contraindications,
        KeloidHistory = client.KeloidHistory,
        Notes = client.Notes,
        PlannedNextSession = client.PlannedNextSession,
    };
}

public sealed class ClientFormValidator : AbstractValidator<ClientForm>
{
    public ClientFormValidator()
    {
        RuleFor(f => f.FullName).NotEmpty().WithMessage("Enter the client's full name.")
            .MaximumLength(200).WithMessage("Keep the name under 200 characters.");
        // Optional: an empty box posts "", which is "no email", not a malformed one.
        RuleFor(f => f.Email).EmailAddress().WithMessage("Enter a valid email address, like name@example.com.")
            .MaximumLength(254)
            .When(f => !string.IsNullOrWhiteSpace(f.Email));
        RuleFor(f => f.Phone)
            .Must((form, phone) => PhoneNumber.TryNormalize(phone, form.Region, out _))
            .When(f => !string.IsNullOrWhiteSpace(f.Phone))
            .WithMessage("Enter a mobile number with its country code, like +44 7700 900123.");
        RuleFor(f => f.Email).NotEmpty().When(f => f.EmailConsent)
            .WithMessage("Add an email address, or untick email reminders.");
        RuleFor(f => f.Phone).NotEmpty().When(f => f.SmsConsent)
            .WithMessage("Add a mobile number, or untick SMS reminders.");
        RuleFor(f => f.PreferredChannel).IsInEnum()
            .Must((form, channel) => channel switch
            {
                ContactChannel.Email => form.EmailConsent,
                ContactChannel.Sms => form.SmsConsent,
                _ => true,
            })
            .WithMessage("The preferred channel needs the client's consent for it.");
        RuleFor(f => f.SkinNotes).MaximumLength(2000);
        RuleFor(f => f.Contraindications).MaximumLength(2000);
        RuleFor(f => f.Notes).MaximumLength(4000);
        RuleFor(f => f.PlannedNextSession)
            .Must((f, date) => PlannedProblem(f) is null)
            .When(f => f.PlannedNextSession is not null && f.Today is not null && f.PlannedNextSession != f.SavedPlannedNextSession)
            .WithMessage(f => PlannedProblem(f)!);
    }

    private static string? PlannedProblem(ClientForm form) =>
        DateBounds.PlannedNextSessionProblem(form.PlannedNextSession!.Value, form.Today!.Value);
}
