using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Staff;

/// <summary>
/// Staff accounts of the signed-in clinic. Identity's user set has no clinic query filter (sign-in must find
/// any account), so every query here scopes by the clinic from the cookie itself.
/// </summary>
public static class StaffMembers
{
    public static IQueryable<StaffUser> OfClinic(this IQueryable<StaffUser> users, Guid clinicId) =>
        users.Where(u => u.ClinicId == clinicId);

    /// <summary>Each account's clinic role (one per account; the installation's Operator role is not one) by user id.</summary>
    public static async Task<Dictionary<string, string>> RolesAsync(AppDbContext db, IReadOnlyCollection<string> userIds) =>
        await (from userRole in db.UserRoles
               join role in db.Roles on userRole.RoleId equals role.Id
               where userIds.Contains(userRole.UserId) && role.Name != StaffRoles.Operator
               select new { userRole.UserId, role.Name })
            .ToDictionaryAsync(r => r.UserId, r => r.Name ?? string.Empty);

    /// <summary>The clinic role among an account's roles (the Operator role is the installation's, kept apart).</summary>
    public static string ClinicRole(IEnumerable<string> roles) => roles.FirstOrDefault(StaffRoles.All.Contains) ?? string.Empty;

    public static bool IsLocked(StaffUser user, DateTimeOffset now) => user.LockoutEnd is { } end && end > now;
}
