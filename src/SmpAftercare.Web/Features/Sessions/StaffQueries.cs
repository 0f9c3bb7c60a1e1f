using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Sessions;

public static class StaffQueries
{
    /// <summary>Active staff of the clinic who may be named as a session's technician (owners and technicians).</summary>
    public static IQueryable<StaffUser> Technicians(AppDbContext db, Guid clinicId) =>
        db.Users.Where(u => u.ClinicId == clinicId && u.DisabledAtUtc == null && db.UserRoles.Any(ur => ur.UserId == u.Id
            && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == StaffRoles.Owner || r.Name == StaffRoles.Technician))));

    /// <summary>The same people as the session form offers them: id to name, by name.</summary>
    public static Task<Dictionary<string, string>> TechniciansAsync(AppDbContext db, Guid clinicId) =>
        Technicians(db, clinicId).OrderBy(u => u.FullName).ToDictionaryAsync(u => u.Id, u => u.FullName);
}
