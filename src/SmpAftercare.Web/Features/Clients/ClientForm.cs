using System.Text.RegularExpressions;
using FluentValidation;
using PhoneNumbers;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Web.Infrastructure;

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

    /// <summary>Today on the clinic's calendar; set by the page. A newly chosen planned session is within DateBounds of it.</summary>
    public DateOnly? Today { get; set; }

    /// <summary>The planned date already saved: an old date that has passed may stay, a new one may not be in the past.</summary>
    public DateOnly? SavedPlannedNextSession { get; set; }

    /// <summary>The phone number as libphonenumber reads it for the clinic's region, in international form (+447700900123).</summary>
    public string? PhoneE164 => PhoneRules.TryRead(Phone, Region, out var e164) ? e164 : null;

    public ClientDetails ToDetails() => new(FullName, Email?.Trim(), PhoneE164 ?? Phone, PreferredChannel, EmailConsent, SmsConsent, SkinNotes,
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
        SavedPlannedNextSession = client.PlannedNextSession,
    };
}

/// <summary>A client's record as the activity log names it, for the before and after of an edit.</summary>
public static class ClientAuditText
{
    /// <summary>Health and staff notes: the log says they changed, without copying them.</summary>
    public static readonly string[] Private = ["Skin notes", "Contraindications", "Notes"];

    public static IReadOnlyList<(string Label, string Value)> Describe(Client client)
    {
        ArgumentNullException.ThrowIfNull(client);
        static string YesNo(bool value) => value ? "yes" : "no";
        return
        [
            ("Name", client.FullName),
            ("Email", Audit.AuditChanges.OrNone(client.Email)),
            ("Phone", Audit.AuditChanges.OrNone(client.Phone)),
            ("Preferred way to reach them", client.PreferredChannel switch { ContactChannel.Email => "email", ContactChannel.Sms => "text message", _ => "no preference" }),
            ("Agrees to email reminders", YesNo(client.EmailConsent)),
            ("Agrees to text message reminders", YesNo(client.SmsConsent)),
            ("History of keloid scarring", YesNo(client.KeloidHistory)),
            ("Planned next session", client.PlannedNextSession?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "none"),
            ("Skin notes", client.SkinNotes ?? string.Empty),
            ("Contraindications", client.Contraindications ?? string.Empty),
            ("Notes", client.Notes ?? string.Empty),
        ];
    }
}

public sealed partial class ClientFormValidator : AbstractValidator<ClientForm>
{
    public ClientFormValidator()
    {
        RuleFor(f => f.FullName).NotEmpty().WithMessage("Enter the client's full name.")
            .MaximumLength(200).WithMessage("Keep the name under 200 characters.")
            .SingleLine("name");
        RuleFor(f => f.Email).SingleLine("email address");
        // Optional: an empty box posts "", which is "no email", not a malformed one.
        // "name@gmail" passes a bare '@' check but can never receive mail: the part after '@' needs a dot and a real ending.
        RuleFor(f => f.Email).Must(e => EmailShape().IsMatch(e!.Trim())).WithMessage("Enter a valid email address, like name@example.com.")
            .MaximumLength(254).WithMessage("Keep the email address under 254 characters.")
            .When(f => !string.IsNullOrWhiteSpace(f.Email));
        // libphonenumber knows each country's number lengths: "07700 9001" is too short for the UK and is refused.
        RuleFor(f => f.Phone)
            .Must((form, phone) => PhoneRules.TryRead(phone, form.Region, out _))
            .When(f => !string.IsNullOrWhiteSpace(f.Phone))
            .WithMessage("This is not a complete phone number. Check the digits, or add the country code, like +44 7700 900123.");
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

    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)*\.[A-Za-z]{2,}$")]
    private static partial Regex EmailShape();
}

/// <summary>Phone numbers read with libphonenumber for the clinic's region.</summary>
public static class PhoneRules
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool TryRead(string? input, string? region, out string e164)
    {
        e164 = string.Empty;
        if (string.IsNullOrWhiteSpace(input) || input.Any(char.IsLetter))
        {
            return false;
        }

        try
        {
            var number = Util.Parse(input.Trim(), string.IsNullOrEmpty(region) ? "ZZ" : region);
            // Valid, or at least the full length of a mobile number there: Ofcom's drama range (07700 900xxx) is
            // not "valid" to libphonenumber but is complete; "07700 9001" is neither.
            if (!Util.IsValidNumber(number)
                && Util.IsPossibleNumberForTypeWithReason(number, PhoneNumberType.MOBILE) != PhoneNumberUtil.ValidationResult.IS_POSSIBLE)
            {
                return false;
            }

            e164 = Util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }
}
