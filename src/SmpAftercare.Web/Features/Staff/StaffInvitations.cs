using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Account;
using SmpAftercare.Web.Infrastructure;
using StaffMember = SmpAftercare.Web.Infrastructure.Staff.StaffMember;

namespace SmpAftercare.Web.Features.Staff;

/// <summary>What became of an invitation: the account, its link, and whether an email carried it.</summary>
public sealed record InvitationResult(StaffUser? User, string? Link, bool Emailed, string? Problem, IReadOnlyDictionary<string, string> FieldErrors)
{
    public bool Created => User is not null;
}

/// <summary>
/// Owners invite staff: an account with no password yet, and an expiring set-your-password link sent by email
/// (or handed over by the owner when no mail server is set up). Nobody chooses a password for someone else.
/// </summary>
public sealed class StaffInvitations(AppDbContext db, UserManager<StaffUser> users, AccountLinks links, IAccountEmailSender mail, TimeProvider clock)
{
    public async Task<InvitationResult> InviteAsync(StaffMember actor, NewStaffForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(form);
        var email = form.Email.Trim();
        // Unique within this clinic only (OneAccountPerClinic): whether another clinic uses the address is not asked,
        // so its answer, its work and its email are those of an unused address (docs/decisions/0016).
        var user = StaffUser.Create(actor.ClinicId, email, form.FullName.Trim());
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            IdentityResult created;
            try
            {
                created = await users.CreateAsync(user);
            }
            catch (DbUpdateException)
            {
                // The unique index on clinic and address: another request of this clinic added it a moment ago.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                if (!await users.ClinicHasAsync(actor.ClinicId, email, cancellationToken: cancellationToken))
                {
                    throw;
                }

                return Refused(nameof(NewStaffForm.Email), StaffAddresses.ClinicHasAddress);
            }

            if (created.Succeeded)
            {
                created = await users.AddToRoleAsync(user, form.Role);
            }

            if (!created.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return created.Errors.Any(e => e.Code == OneAccountPerClinic.Code)
                    ? Refused(nameof(NewStaffForm.Email), StaffAddresses.ClinicHasAddress)
                    : new InvitationResult(null, null, false, "The account could not be created. Try again.", new Dictionary<string, string>());
            }

            actor.Audit(db, AuditActions.StaffInvited, null, clock.GetUtcNow().UtcDateTime, $"{user.FullName} <{email}> as {form.Role}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var (link, emailed, problem) = await SendAsync(actor, user, cancellationToken);
        return new InvitationResult(user, link, emailed, problem, new Dictionary<string, string>());
    }

    /// <summary>A fresh link for someone who has not accepted yet (the old one stops working).</summary>
    public async Task<InvitationResult> InviteAgainAsync(StaffMember actor, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.Users.OfClinic(actor.ClinicId).SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || await users.HasPasswordAsync(user))
        {
            return new InvitationResult(null, null, false, "This person has already set their password.", new Dictionary<string, string>());
        }

        await users.UpdateSecurityStampAsync(user);
        actor.Audit(db, AuditActions.StaffInvited, null, clock.GetUtcNow().UtcDateTime, $"{user.FullName} <{user.Email}> again");
        await db.SaveChangesAsync(cancellationToken);
        var (link, emailed, problem) = await SendAsync(actor, user, cancellationToken);
        return new InvitationResult(user, link, emailed, problem, new Dictionary<string, string>());
    }

    private async Task<(string Link, bool Emailed, string? Problem)> SendAsync(StaffMember actor, StaffUser user, CancellationToken cancellationToken)
    {
        var link = await links.InvitationAsync(user);
        if (!mail.IsConfigured)
        {
            return (link, false, null);
        }

        var clinic = await db.Clinics.IgnoreQueryFilters().Where(c => c.Id == actor.ClinicId).Select(c => c.Name).SingleAsync(cancellationToken);
        try
        {
            await mail.SendAsync(user.Email!, $"You are invited to {clinic} on SmpAftercare",
                AccountLinks.InvitationMailBody(user.FullName, clinic, actor.DisplayName, link), cancellationToken);
            return (link, true, null);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.CommandException or MailKit.ProtocolException or TimeoutException or OperationCanceledException)
        {
            return (link, false, "The mail server did not take the invitation, so no email went out.");
        }
    }

    private static InvitationResult Refused(string field, string message) =>
        new(null, null, false, null, new Dictionary<string, string> { [field] = message });
}
