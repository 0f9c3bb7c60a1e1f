using System.Security.Claims;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Infrastructure.Staff;

/// <summary>The signed-in staff member as the authentication state knows them (never from form or URL).</summary>
public sealed record StaffMember(string UserId, string DisplayName, Guid ClinicId, string Role)
{
    public bool IsOwner => Role == StaffRoles.Owner;

    /// <summary>Owners and technicians log sessions and print sheets; reception does not.</summary>
    public bool IsClinical => Role is StaffRoles.Owner or StaffRoles.Technician;

    /// <summary>The role as a person reads it.</summary>
    public string RoleName => Role switch
    {
        StaffRoles.Owner => "Owner",
        StaffRoles.Technician => "Technician",
        StaffRoles.Reception => "Reception",
        _ => "Staff",
    };

    public static StaffMember? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true
            || !Guid.TryParse(user.FindFirstValue(StaffClaims.ClinicId), out var clinicId)
            || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { Length: > 0 } userId)
        {
            return null;
        }

        var role = StaffRoles.All.FirstOrDefault(user.IsInRole) ?? string.Empty;
        var name = user.FindFirstValue(StaffClaims.FullName) ?? user.Identity.Name ?? "Staff member";
        return new StaffMember(userId, name, clinicId, role);
    }

    /// <summary>An audit row in the same unit of work as the change it describes.</summary>
    public void Audit(AppDbContext db, string action, Guid? clientId, DateTime nowUtc, string? details = null) =>
        db.AuditEntries.Add(AuditEntry.Record(ClinicId, UserId, DisplayName, action, clientId, details, nowUtc));
}
