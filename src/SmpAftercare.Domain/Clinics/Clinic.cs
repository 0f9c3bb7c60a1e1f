using System.Globalization;
using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.Clinics;

/// <summary>A clinic: the tenant. Its time zone decides every client's calendar.</summary>
public sealed class Clinic
{
    public const int DefaultLinkValidityDays = 90;

    private Clinic()
    {
        Name = TimeZoneId = Locale = string.Empty;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string TimeZoneId { get; private set; }

    /// <summary>Culture for dates and times shown to staff and clients (en-GB, en-US ...).</summary>
    public string Locale { get; private set; }

    public string? ContactPhone { get; private set; }

    public string? ContactEmail { get; private set; }

    public string? Address { get; private set; }

    /// <summary>How long a client's personal link keeps working after their last milestone.</summary>
    public int LinkValidityDays { get; private set; } = DefaultLinkValidityDays;

    /// <summary>Reminders go out only between these local times (outside them are the quiet hours).</summary>
    public TimeOnly ReminderWindowStart { get; private set; } = new(9, 0);

    public TimeOnly ReminderWindowEnd { get; private set; } = new(20, 0);

    /// <summary>Every staff member must sign in with an authenticator code; those without one set it up first.</summary>
    public bool RequireTwoFactor { get; private set; }

    /// <summary>How many days early a technician may lift a restriction for one client.</summary>
    public int AdjustmentMaxDaysShorter { get; private set; } = AdjustmentLimits.Default.MaxDaysShorter;

    /// <summary>How many days longer a technician may keep a restriction for one client.</summary>
    public int AdjustmentMaxDaysLonger { get; private set; } = AdjustmentLimits.Default.MaxDaysLonger;

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The limits every adjustment for one of the clinic's clients is checked against when it is saved.</summary>
    public AdjustmentLimits AdjustmentLimits => new(AdjustmentMaxDaysShorter, AdjustmentMaxDaysLonger);

    public ClinicTimeZone TimeZone => ClinicTimeZone.FromIanaId(TimeZoneId);

    public CultureInfo Culture => CultureInfo.GetCultureInfo(Locale);

    /// <summary>Two-letter region of the locale (GB for en-GB): how national phone numbers are read.</summary>
    public string Region => new RegionInfo(Locale).TwoLetterISORegionName;

    public static Clinic Create(ClinicDetails details, DateTime nowUtc)
    {
        var clinic = new Clinic { Id = Guid.NewGuid(), CreatedAtUtc = nowUtc };
        clinic.Update(details);
        return clinic;
    }

    public void Update(ClinicDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (string.IsNullOrWhiteSpace(details.Name))
        {
            throw new DomainException("A clinic needs a name.");
        }

        // The name is the display name of every reminder email the clinic sends; the email may be its reply address.
        SingleLineText.Require(details.Name, "clinic's name");
        SingleLineText.Require(details.ContactEmail, "clinic's email address");
        SingleLineText.Require(details.ContactPhone, "clinic's phone number");

        var zone = ClinicTimeZone.FromIanaId(details.TimeZoneId);
        if (!IsKnownLocale(details.Locale))
        {
            throw new DomainException($"'{details.Locale}' is not a known locale (for example en-GB or en-US).");
        }

        Name = details.Name.Trim();
        TimeZoneId = zone.Id;
        Locale = CultureInfo.GetCultureInfo(details.Locale!.Trim()).Name;
        ContactPhone = details.ContactPhone.TrimmedOrNull();
        ContactEmail = details.ContactEmail.TrimmedOrNull();
        Address = details.Address.TrimmedOrNull();
    }

    public void ChangeLinkValidity(int days)
    {
        if (days is < 1 or > 3650)
        {
            throw new DomainException("Personal links must stay valid between 1 and 3650 days after the last milestone.");
        }

        LinkValidityDays = days;
    }

    public void ChangeReminderWindow(TimeOnly sendFrom, TimeOnly sendUntil)
    {
        if (sendUntil <= sendFrom)
        {
            throw new DomainException("Reminders need a sending window that ends after it starts (for example 09:00-20:00).");
        }

        ReminderWindowStart = sendFrom;
        ReminderWindowEnd = sendUntil;
    }

    /// <summary>
    /// Bounded by <see cref="SmpAftercare.Domain.Aftercare.AdjustmentLimits.MostDaysShorter"/> and <see cref="SmpAftercare.Domain.Aftercare.AdjustmentLimits.MostDaysLonger"/>
    /// (their comments say why). Adjustments already saved are not re-checked: narrower limits hold for new ones.
    /// </summary>
    public void ChangeAdjustmentLimits(int maxDaysShorter, int maxDaysLonger)
    {
        if (AdjustmentLimits.ProblemWith(maxDaysShorter, maxDaysLonger) is { } problem)
        {
            throw new DomainException(problem);
        }

        AdjustmentMaxDaysShorter = maxDaysShorter;
        AdjustmentMaxDaysLonger = maxDaysLonger;
    }

    public void SetTwoFactorRequirement(bool required) => RequireTwoFactor = required;

    public static bool IsKnownLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return false;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(locale.Trim(), predefinedOnly: true);
            return !culture.IsNeutralCulture && culture.Name.Length > 0;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}

public sealed record ClinicDetails(string? Name, string? TimeZoneId, string? Locale, string? ContactPhone, string? ContactEmail, string? Address);
