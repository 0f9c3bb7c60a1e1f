using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Api;

/// <param name="Key">What goes into SessionForm.TechnicianId for validation (null when nothing usable was sent).</param>
/// <param name="StaffId">The staff account the session is linked to, or null for a name the app has no account for.</param>
/// <param name="Name">The technician's name as stored on the session.</param>
/// <param name="Choices">The technicians the form's validator accepts: the clinic's staff, plus the name sent when it matched none.</param>
public sealed record TechnicianChoice(string? Key, string? StaffId, string? Name, IReadOnlyDictionary<string, string> Choices);

/// <summary>
/// Booking systems know technicians by name (sometimes by email), and may know technicians the app has no
/// account for. A name or email that matches one active owner or technician links the session to them; any
/// other name is stored as given with no staff link, rather than refusing a session that really happened.
/// </summary>
public sealed class ApiTechnicians
{
    /// <summary>The key standing for "the name the booking system sent", which no staff id can equal.</summary>
    private const string ExternalKey = "external:";

    private const int MaxNameLength = 200;

    private readonly List<Staff> _staff;

    private ApiTechnicians(List<Staff> staff)
    {
        _staff = staff;
    }

    /// <summary>Active owners and technicians (the people the session form offers), with their emails.</summary>
    public static async Task<ApiTechnicians> LoadAsync(AppDbContext db, Guid clinicId, CancellationToken cancellationToken)
    {
        var staff = await Sessions.StaffQueries.Technicians(db, clinicId)
            .Select(u => new Staff(u.Id, u.FullName, u.Email))
            .ToListAsync(cancellationToken);
        return new ApiTechnicians(staff);
    }

    public TechnicianChoice Match(string? given, Dictionary<string, List<string>> errors)
    {
        var choices = _staff.ToDictionary(s => s.Id, s => s.FullName);
        var name = given?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("technician", "Name the technician who did the session: a staff member's name or email, or the name your booking system knows.");
            return new TechnicianChoice(null, null, null, choices);
        }

        if (name.Length > MaxNameLength)
        {
            errors.Add("technician", $"Keep the technician's name under {MaxNameLength} characters.");
            return new TechnicianChoice(null, null, null, choices);
        }

        var byEmail = _staff.FirstOrDefault(s => string.Equals(s.Email, name, StringComparison.OrdinalIgnoreCase));
        var byName = _staff.Where(s => string.Equals(s.FullName.Trim(), name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byEmail is null && byName.Count > 1)
        {
            errors.Add("technician", $"{byName.Count} staff members are called {name}: send the technician's email address instead.");
            return new TechnicianChoice(null, null, null, choices);
        }

        if ((byEmail ?? byName.SingleOrDefault()) is { } staff)
        {
            return new TechnicianChoice(staff.Id, staff.Id, staff.FullName, choices);
        }

        choices[ExternalKey] = name;
        return new TechnicianChoice(ExternalKey, null, name, choices);
    }

    private sealed record Staff(string Id, string FullName, string? Email);
}
