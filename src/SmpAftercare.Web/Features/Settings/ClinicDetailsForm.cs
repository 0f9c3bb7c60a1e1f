using FluentValidation;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Web.Features.Settings;

/// <summary>A clinic's name, zone, locale and contact details: used by first-start setup and the settings page.</summary>
public sealed class ClinicDetailsForm
{
    public string Name { get; set; } = string.Empty;

    public string TimeZoneId { get; set; } = string.Empty;

    public string Locale { get; set; } = "en-GB";

    public string? ContactPhone { get; set; }

    public string? ContactEmail { get; set; }

    public string? Address { get; set; }

    public ClinicDetails ToDetails() => new(Name, TimeZoneId, Locale, ContactPhone, ContactEmail, Address);

    public static ClinicDetailsForm From(Clinic clinic) => new()
    {
        Name = clinic.Name,
        TimeZoneId = clinic.TimeZoneId,
        Locale = clinic.Locale,
        ContactPhone = clinic.ContactPhone,
        ContactEmail = clinic.ContactEmail,
        Address = clinic.Address,
    };

    /// <summary>A locale as a person reads it: its name in the picker, or the culture's own name for one not listed.</summary>
    public static string LocaleName(string locale) =>
        CommonLocales.FirstOrDefault(l => string.Equals(l.Code, locale, StringComparison.OrdinalIgnoreCase)).Name
        ?? (Clinic.IsKnownLocale(locale) ? System.Globalization.CultureInfo.GetCultureInfo(locale).DisplayName : locale);

    /// <summary>How a date looks in a locale (2/3/2026 or 3/2/2026), shown beside its name instead of a code like en-GB.</summary>
    public static string Example(string locale) => new DateTime(2026, 3, 2).ToString("d", System.Globalization.CultureInfo.GetCultureInfo(locale));

    /// <summary>A locale in the picker: its name and how a date looks in it, never the code.</summary>
    public static string LocaleLabel(string? locale) =>
        string.IsNullOrEmpty(locale) || !Clinic.IsKnownLocale(locale) ? locale ?? string.Empty : $"{LocaleName(locale)} ({Example(locale)})";

    /// <summary>Locales offered in the picker; any predefined culture is accepted.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> CommonLocales =
    [
        ("en-GB", "English (UK)"), ("en-US", "English (US)"), ("en-IE", "English (Ireland)"), ("en-AU", "English (Australia)"),
        ("en-CA", "English (Canada)"), ("en-NZ", "English (New Zealand)"), ("de-DE", "Deutsch"), ("fr-FR", "Français"),
        ("es-ES", "Español"), ("it-IT", "Italiano"), ("nl-NL", "Nederlands"),
    ];
}

public sealed class ClinicDetailsFormValidator : AbstractValidator<ClinicDetailsForm>
{
    public ClinicDetailsFormValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("Enter the clinic's name.").MaximumLength(200).SingleLine("clinic's name");
        RuleFor(f => f.ContactEmail).SingleLine("email address");
        RuleFor(f => f.ContactPhone).SingleLine("phone number");
        RuleFor(f => f.TimeZoneId)
            .NotEmpty().WithMessage("Choose the clinic's time zone.")
            .Must(id => ClinicTimeZone.TryFromIanaId(id, out _))
            .When(f => !string.IsNullOrWhiteSpace(f.TimeZoneId))
            .WithMessage("Use an IANA time zone such as Europe/London or America/New_York.");
        RuleFor(f => f.Locale).Must(Clinic.IsKnownLocale).WithMessage("Choose a locale such as en-GB or en-US.");
        // Optional: an empty box posts "", which is "no email", not a malformed one.
        RuleFor(f => f.ContactEmail).EmailAddress().WithMessage("Enter a valid email address, like clinic@example.com.").MaximumLength(254)
            .When(f => !string.IsNullOrWhiteSpace(f.ContactEmail));
        RuleFor(f => f.ContactPhone).MaximumLength(40);
        RuleFor(f => f.Address).MaximumLength(500);
    }
}
