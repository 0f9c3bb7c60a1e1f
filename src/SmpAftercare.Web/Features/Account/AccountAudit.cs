using SmpAftercare.Domain.Clients;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Account;

/// <summary>
/// Audit rows about an account itself (sign-ins, passwords, two-factor). Unlike <see cref="AuditLog"/> these are
/// often written before anyone is signed in, so the account is named explicitly; each row is saved at once.
/// </summary>
public sealed class AccountAudit(AppDbContext db, TimeProvider clock)
{
    public async Task RecordAsync(StaffUser user, string action, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        db.AuditEntries.Add(AuditEntry.Record(user.ClinicId, user.Id, user.FullName, action, null, details, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
    }
}
