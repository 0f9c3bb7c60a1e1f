using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Setup;

/// <summary>
/// A new clinic with its first protocol version and its owner account: what first-start set-up and the
/// `clinic create` command both do. The caller holds the transaction and rolls it back when the owner is refused.
/// The owner of an installation's first clinic is also its operator (the background jobs dashboard).
/// </summary>
public static class ClinicOnboarding
{
    public static async Task<(Clinic Clinic, StaffUser Owner, IdentityResult Result)> CreateAsync(
        AppDbContext db, UserManager<StaffUser> users, SetupForm form, DateTime nowUtc)
    {
        var firstClinic = !await db.Clinics.IgnoreQueryFilters().AnyAsync();
        var clinic = Clinic.Create(form.Clinic.ToDetails(), nowUtc);
        db.Clinics.Add(clinic);
        db.ProtocolVersions.Add(ProtocolVersion.Initial(clinic.Id, form.OwnerName.Trim(), nowUtc));
        await db.SaveChangesAsync();

        var owner = StaffUser.Create(clinic.Id, form.OwnerEmail.Trim(), form.OwnerName.Trim());
        owner.EmailConfirmed = true;
        var created = await users.CreateAsync(owner, form.Password);
        var result = created.Succeeded ? await users.AddToRoleAsync(owner, StaffRoles.Owner) : created;
        if (result.Succeeded && firstClinic)
        {
            result = await users.AddToRoleAsync(owner, StaffRoles.Operator);
        }

        return (clinic, owner, result);
    }
}
