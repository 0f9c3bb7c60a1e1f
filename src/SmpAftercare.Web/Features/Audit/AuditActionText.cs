using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Audit;

/// <summary>Audit action codes as an owner reads them. An unknown code (a newer feature's) reads as a plain "Other change".</summary>
public static class AuditActionText
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [AuditActions.ClientViewed] = "Viewed a client's record",
        [AuditActions.ClientCreated] = "Added a client",
        [AuditActions.ClientUpdated] = "Changed a client's details",
        [AuditActions.ClientArchived] = "Archived a client",
        [AuditActions.ClientRestored] = "Restored a client",
        [AuditActions.ClientErased] = "Erased a client's data",
        [AuditActions.SessionLogged] = "Logged a session",
        [AuditActions.SessionUpdated] = "Changed a session",
        [AuditActions.SessionDeleted] = "Deleted a session",
        [AuditActions.RuleAdjusted] = "Adjusted a rule for a client",
        [AuditActions.ProtocolSaved] = "Saved a protocol version",
        [AuditActions.ProtocolReset] = "Reset the protocol to the default",
        [AuditActions.ProtocolClientMoved] = "Moved a client to a newer protocol version",
        [AuditActions.StaffCreated] = "Created a staff account",
        [AuditActions.StaffRoleChanged] = "Changed a staff member's role",
        [AuditActions.StaffSwitchedOff] = "Switched off a staff account",
        [AuditActions.StaffSwitchedOn] = "Switched a staff account back on",
        [AuditActions.StaffUnlocked] = "Unlocked a staff account",
        [AuditActions.SettingsChanged] = "Changed the clinic settings",
        [AuditActions.OperatorGranted] = "Made a staff member the installation's operator",
        [AuditActions.OperatorRevoked] = "Took the installation's operator role from a staff member",
        [AuditActions.ClientLinkIssued] = "Made a client's personal link",
        [AuditActions.ApiKeyCreated] = "Created an API key",
        [AuditActions.ApiKeyRevoked] = "Revoked an API key",
        [ClientLink.ClientLinkAuditActions.Created] = "Made a client's personal link",
        [ClientLink.ClientLinkAuditActions.Replaced] = "Replaced a client's personal link",
        [ClientLink.ClientLinkAuditActions.Revoked] = "Switched off a client's personal link",
        [ClientLink.ClientLinkAuditActions.Sent] = "Sent a client their personal link",
        [Reminders.ReminderAuditActions.OptedOut] = "Client stopped reminders",
        [Reminders.ReminderAuditActions.SentAgain] = "Sent a reminder again",
        [Reminders.ReminderAuditActions.SettingsChanged] = "Changed the reminder settings",
        [AuditActions.SignedIn] = "Signed in",
        [AuditActions.SignInFailed] = "Sign-in refused",
        [AuditActions.RecoveryCodeUsed] = "Signed in with a recovery code",
        [AuditActions.PasswordChanged] = "Changed their password",
        [AuditActions.PasswordReset] = "Reset their password from an email link",
        [AuditActions.TwoFactorEnabled] = "Turned on two-factor sign-in",
        [AuditActions.TwoFactorDisabled] = "Turned off two-factor sign-in",
        [AuditActions.RecoveryCodesRenewed] = "Made new recovery codes",
        [AuditActions.StaffInvited] = "Invited a staff member",
        [AuditActions.InvitationAccepted] = "Accepted an invitation and set a password",
    };

    public static string Label(string action) => Labels.GetValueOrDefault(action, "Other change");
}
