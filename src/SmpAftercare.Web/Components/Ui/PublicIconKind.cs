namespace SmpAftercare.Web.Components.Ui;

/// <summary>The few pictures the public pages use beside their text.</summary>
public enum PublicIconKind
{
    Avoid,
    Do,
    Info,
    Warning,
    Check,
}
