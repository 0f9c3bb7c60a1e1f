using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure;
using StaffMember = SmpAftercare.Web.Infrastructure.Staff.StaffMember;

namespace SmpAftercare.Web.Features.Staff;

public enum StaffState
{
    Active,

    /// <summary>Invited; has not chosen a password yet.</summary>
    Invited,

    /// <summary>Too many wrong passwords; unlocks by itself at <see cref="StaffRow.LockedUntilUtc"/>.</summary>
    Locked,
    SwitchedOff,
}

public sealed record StaffRow(string Id, string FullName, string Email, string Role, StaffState State, DateTime? SwitchedOffAtUtc, DateTimeOffset? LockedUntilUtc, bool TwoFactor);

/// <summary>
/// The owner's changes to staff accounts. Scoped: an interactive page takes one per operation from a fresh service
/// scope (a new DbContext each time). Every query is scoped to the acting owner's clinic, because Identity's user
/// set has no clinic filter (sign-in must find any account): another clinic's account is simply not found.
/// </summary>
public sealed class StaffAdministration(AppDbContext db, UserManager<StaffUser> users, TimeProvider clock)
{
    public const string NotYourOwnRole = "You cannot change your own role. Another owner can.";
    public const string NotYourOwnAccess = "You cannot switch off your own account: the clinic must always keep an owner who can sign in.";

    public async Task<(IReadOnlyList<StaffRow> Rows, int Total)> PageAsync(Guid clinicId, int skip, int take, CancellationToken cancellationToken = default)
    {
        var query = db.Users.AsNoTracking().OfClinic(clinicId);
        var total = await query.CountAsync(cancellationToken);
        var members = await query.OrderBy(u => u.DisabledAtUtc != null).ThenBy(u => u.FullName).Skip(skip).Take(take).ToListAsync(cancellationToken);
        var roles = await StaffMembers.RolesAsync(db, [.. members.Select(m => m.Id)]);
        return ([.. members.Select(m => Row(m, roles.GetValueOrDefault(m.Id, string.Empty)))], total);
    }

    public async Task<StaffRow?> FindAsync(Guid clinicId, string id, CancellationToken cancellationToken = default)
    {
        var member = await db.Users.AsNoTracking().OfClinic(clinicId).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        return member is null ? null : Row(member, (await StaffMembers.RolesAsync(db, [member.Id])).GetValueOrDefault(member.Id, string.Empty));
    }

    /// <summary>Null when done; otherwise why not, in words for the owner.</summary>
    public async Task<string?> ChangeRoleAsync(StaffMember actor, string userId, string role)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!StaffRoleText.IsKnown(role))
        {
            return "Choose Owner, Technician or Reception.";
        }

        if (userId == actor.UserId)
        {
            // The acting owner is the one owner the clinic is sure to have; demoting themself could leave none.
            return NotYourOwnRole;
        }

        var member = await MemberAsync(actor, userId);
        if (member is null)
        {
            return NotFound;
        }

        var roles = await users.GetRolesAsync(member);
        var before = StaffMembers.ClinicRole(roles);
        if (before == role)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        // Only the clinic role changes: the installation's Operator role is kept.
        var changed = await users.RemoveFromRolesAsync(member, roles.Where(StaffRoles.All.Contains));
        if (changed.Succeeded)
        {
            changed = await users.AddToRoleAsync(member, role);
        }

        if (changed.Succeeded)
        {
            // A new stamp ends their open sessions; they sign in again with the new role.
            changed = await users.UpdateSecurityStampAsync(member);
        }

        if (!changed.Succeeded)
        {
            await transaction.RollbackAsync();
            return "The role could not be changed. Try again.";
        }

        actor.Audit(db, AuditActions.StaffRoleChanged, null, clock.GetUtcNow().UtcDateTime, $"{member.FullName}: {before} to {role}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return null;
    }

    public async Task<string?> SetAccessAsync(StaffMember actor, string userId, bool switchedOn)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!switchedOn && userId == actor.UserId)
        {
            return NotYourOwnAccess;
        }

        var member = await MemberAsync(actor, userId);
        if (member is null)
        {
            return NotFound;
        }

        if (switchedOn == (member.DisabledAtUtc is null))
        {
            return null;
        }

        member.DisabledAtUtc = switchedOn ? null : clock.GetUtcNow().UtcDateTime;
        // Sign-in refuses switched-off accounts; the new stamp also ends their open sessions at once.
        member.SecurityStamp = Guid.NewGuid().ToString("N");
        return await SaveAsync(actor, member, switchedOn ? AuditActions.StaffSwitchedOn : AuditActions.StaffSwitchedOff, member.FullName);
    }

    public async Task<string?> UnlockAsync(StaffMember actor, string userId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var member = await MemberAsync(actor, userId);
        if (member is null)
        {
            return NotFound;
        }

        member.LockoutEnd = null;
        member.AccessFailedCount = 0;
        return await SaveAsync(actor, member, AuditActions.StaffUnlocked, member.FullName);
    }

    private const string NotFound = "This staff member is not in your clinic.";

    private Task<StaffUser?> MemberAsync(StaffMember actor, string userId) =>
        db.Users.OfClinic(actor.ClinicId).SingleOrDefaultAsync(u => u.Id == userId);

    private async Task<string?> SaveAsync(StaffMember actor, StaffUser member, string action, string details)
    {
        actor.Audit(db, action, null, clock.GetUtcNow().UtcDateTime, details);
        var updated = await users.UpdateAsync(member);
        return updated.Succeeded ? null : "The change could not be saved. Try again.";
    }

    private StaffRow Row(StaffUser user, string role)
    {
        var state = user.DisabledAtUtc is not null ? StaffState.SwitchedOff
            : user.PasswordHash is null ? StaffState.Invited
            : StaffMembers.IsLocked(user, clock.GetUtcNow()) ? StaffState.Locked
            : StaffState.Active;
        return new StaffRow(user.Id, user.FullName, user.Email ?? string.Empty, role, state, user.DisabledAtUtc, user.LockoutEnd, user.TwoFactorEnabled);
    }
}
