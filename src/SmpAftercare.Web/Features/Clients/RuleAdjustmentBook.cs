using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Web.Components.Ui;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Infrastructure.Staff;

namespace SmpAftercare.Web.Features.Clients;

/// <summary>
/// Saves a technician's adjustment of one client's rule (docs/aftercare-rules.md, "Adjustments for one client"):
/// the form's rules, the clinic's limits, the audit row and the replanned reminders, all in one save.
/// </summary>
public sealed class RuleAdjustmentBook(FluentValueValidator validator, ReminderOutbox outbox, TimeProvider clock)
{
    /// <summary>Saves; returns what is wrong in words for staff (nothing saved then), or an empty list.</summary>
    /// <param name="db">A context whose tenant is the staff member's clinic: another clinic's client is not found.</param>
    public async Task<IReadOnlyList<string>> SaveAsync(AppDbContext db, StaffMember staff, Guid clientId, AdjustmentForm input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(input);
        if (!staff.IsClinical)
        {
            return ["Only owners and technicians adjust a client's rules."];
        }

        var problems = await validator.ValidateAllAsync(input);
        if (problems.Count > 0)
        {
            return problems;
        }

        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken);
        var session = client is null ? null
            : await db.Sessions.SingleOrDefaultAsync(s => s.Id == input.FromSessionId && s.ClientId == client.Id && s.Review == null, cancellationToken);
        if (client is null || session is null)
        {
            return ["That session is not one of this client's."];
        }

        // Read in this save, not when the form opened: an owner may have changed the limits since.
        var clinic = await db.Clinics.SingleAsync(cancellationToken);
        try
        {
            var version = await db.ProtocolVersions.AsNoTracking().SingleAsync(v => v.Id == session.ProtocolVersionId, cancellationToken);
            var now = clock.GetUtcNow();
            var activity = Activity.FromCode(input.ActivityCode);
            var adjustment = ClientRuleAdjustment.Create(client, session, version.ToProtocol(), activity, input.Anchor,
                input.FromDay ?? 0, input.ToDay!.Value, input.ClientNote!, input.Reason!, staff.DisplayName, clinic.AdjustmentLimits, now.UtcDateTime);
            db.RuleAdjustments.Add(adjustment);
            staff.Audit(db, AuditActions.RuleAdjusted, client.Id, now.UtcDateTime,
                $"{activity.Name}: {Describe(adjustment)}, from session {session.SessionNumber}. Reason: {adjustment.Reason}");
            // Same save: the reminders the change moves are replanned with it or not at all.
            await outbox.RecomputeAsync(db, clinic, client.Id, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return [];
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            return [e.Message];
        }
    }

    /// <summary>The clinic's limits as the adjust form tells staff.</summary>
    public static string LimitsText(AdjustmentLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var (earlier, longer) = (AdjustmentLimits.DaysText(limits.MaxDaysShorter), AdjustmentLimits.DaysText(limits.MaxDaysLonger));
        return (limits.MaxDaysShorter, limits.MaxDaysLonger) switch
        {
            (0, 0) => "This clinic does not allow moving a restriction for one client; recommendations can still be switched on.",
            (0, _) => $"This clinic lets you keep a restriction up to {longer} longer than the protocol says, but not lift one early.",
            (_, 0) => $"This clinic lets you lift a restriction up to {earlier} early, but not keep one longer than the protocol says.",
            _ => $"This clinic lets you lift a restriction up to {earlier} early or keep one up to {longer} longer than the protocol says.",
        };
    }

    public static string Describe(ClientRuleAdjustment adjustment)
    {
        ArgumentNullException.ThrowIfNull(adjustment);
        var after = adjustment.Anchor == RuleAnchor.EverySession ? "every" : "the final";
        return adjustment.Activity.IsCare
            ? $"recommended days {adjustment.FromDay}-{adjustment.ToDay} after {after} session"
            : $"last day to avoid is day {adjustment.ToDay} after {after} session";
    }
}
