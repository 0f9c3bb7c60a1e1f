using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Audit;

/// <summary>Audit action codes as an owner reads them; unknown codes (a newer feature's) show as they are.</summary>
public static class AuditActionText
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [AuditActions.ClientViewed] = "Viewed a client's record",
        [AuditActions.ClientCreated] = "Added a client",
        [AuditActions.ClientUpdated] = "Changed a client's details",
        [AuditActions.ClientArchived] = "Archived a client",
        [AuditActions.ClientRestored] = "Restored a client",
        [AuditActions.SessionLogged] = "Logged a session",
        [AuditActions.SessionUpdated] = "Changed a session",
        [AuditActions.SessionDeleted] = "Deleted a session",
        [AuditActions.RuleAdjusted] = "Adjusted a rule for a client",
        [AuditActions.ProtocolSaved] = "Saved a protocol version",
        [AuditActions.ProtocolReset] = "Reset the protocol to the default",
        [AuditActions.StaffCreated] = "Created a staff account",
        [AuditActions.StaffRoleChanged] = "Changed a staff member's role",
        [AuditActions.StaffSwitchedOff] = "Switched off a staff account",
        [AuditActions.StaffSwitchedOn] = "Switched a staff account back on",
        [AuditActions.StaffUnlocked] = "Unlocked a staff account",
        [AuditActions.SettingsChanged] = "Changed the clinic settings",
    };

    public static string Label(string action) => Labels.GetValueOrDefault(action, action);
}
