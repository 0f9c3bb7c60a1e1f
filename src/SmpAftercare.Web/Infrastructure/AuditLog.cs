using SmpAftercare.Domain.Clients;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Infrastructure;

/// <summary>
/// Adds an audit row to the same unit of work as the change it describes, so the write and its audit row
/// are saved (or refused) together.
/// </summary>
public sealed class AuditLog(AppDbContext db, StaffContext staff, TimeProvider clock)
{
    public void Record(string action, Guid? clientId, string? details = null) =>
        db.AuditEntries.Add(AuditEntry.Record(staff.RequiredClinicId, staff.UserId, staff.DisplayName, action, clientId,
            details, clock.GetUtcNow().UtcDateTime));
}

public static class AuditActions
{
    public const string ClientViewed = "client.viewed";
    public const string ClientCreated = "client.created";
    public const string ClientUpdated = "client.updated";
    public const string ClientArchived = "client.archived";
    public const string ClientRestored = "client.restored";
    public const string ClientErased = "client.erased";
    public const string SessionLogged = "session.logged";
    public const string SessionUpdated = "session.updated";
    public const string SessionDeleted = "session.deleted";
    public const string RuleAdjusted = "client.rule-adjusted";

    // The owner's changes to the clinic itself (no client involved).
    public const string ProtocolSaved = "protocol.saved";
    public const string ProtocolReset = "protocol.reset";
    public const string ProtocolClientMoved = "protocol.client-moved";
    public const string StaffCreated = "staff.created";
    public const string StaffRoleChanged = "staff.role-changed";
    public const string StaffSwitchedOff = "staff.switched-off";
    public const string StaffSwitchedOn = "staff.switched-on";
    public const string StaffUnlocked = "staff.unlocked";
    public const string SettingsChanged = "settings.changed";
    public const string ClientLinkIssued = "client.link-issued";
    public const string ApiKeyCreated = "apikey.created";
    public const string ApiKeyRevoked = "apikey.revoked";
    public const string OperatorGranted = "operator.granted";
    public const string OperatorRevoked = "operator.revoked";

    // Accounts: sign-ins, passwords and two-factor (Features/Account).
    public const string SignedIn = "account.signed-in";
    public const string SignInFailed = "account.sign-in-failed";
    public const string RecoveryCodeUsed = "account.recovery-code-used";
    public const string PasswordChanged = "account.password-changed";
    public const string PasswordReset = "account.password-reset";
    public const string TwoFactorEnabled = "account.two-factor-on";
    public const string TwoFactorDisabled = "account.two-factor-off";
    public const string RecoveryCodesRenewed = "account.recovery-codes-renewed";
    public const string StaffInvited = "staff.invited";
    public const string InvitationAccepted = "staff.invitation-accepted";
}
