namespace SmpAftercare.Web.Features.Audit;

/// <summary>
/// Audit actions for the owner's changes to the clinic itself (no client involved). Kept beside the audit page
/// so these pages did not have to touch Infrastructure/AuditActions; the two lists could be merged.
/// </summary>
public static class AdminAuditActions
{
    public const string ProtocolSaved = "protocol.saved";
    public const string ProtocolReset = "protocol.reset";
    public const string StaffCreated = "staff.created";
    public const string StaffRoleChanged = "staff.role-changed";
    public const string StaffSwitchedOff = "staff.switched-off";
    public const string StaffSwitchedOn = "staff.switched-on";
    public const string StaffUnlocked = "staff.unlocked";
    public const string SettingsChanged = "settings.changed";
}
