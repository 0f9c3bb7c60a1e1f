using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Data;

namespace SmpAftercare.Web.Features.Sessions;

public static class StaffQueries
{
    /// <summary>Active staff of the clinic who may be named as a session's technician (owners and technicians).</summary>
    public static async Task<Dictionary<string, string>> TechniciansAsync(AppDbContext db, Guid clinicId)
    {
        var roleIds = await db.Roles.Where(r => r.Name == StaffRoles.Owner || r.Name == StaffRoles.Technician).Select(r => r.Id).ToListAsync();
        return await db.Users
            .Where(u => u.ClinicId == clinicId && u.DisabledAtUtc == null && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .OrderBy(u => u.FullName)
            .ToDictionaryAsync(u => u.Id, u => u.FullName);
    }
}
