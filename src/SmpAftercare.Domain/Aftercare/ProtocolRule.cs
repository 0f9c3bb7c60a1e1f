namespace SmpAftercare.Domain.Aftercare;

public enum RuleKind
{
    Avoid,
    Recommend,
}

public enum RuleAnchor
{
    /// <summary>The rule counts from every session.</summary>
    EverySession,

    /// <summary>The rule counts from the session marked final only.</summary>
    FinalSession,
}

/// <summary>One line of a protocol: avoid (or do) an activity on certain days after every or the final session.</summary>
public sealed class ProtocolRule
{
    private ProtocolRule(Activity activity, RuleKind kind, RuleAnchor anchor, DayRange days, string instruction, string source)
    {
        Activity = activity;
        Kind = kind;
        Anchor = anchor;
        Days = days;
        Instruction = instruction;
        Source = source;
    }

    public Activity Activity { get; }

    public RuleKind Kind { get; }

    public RuleAnchor Anchor { get; }

    public DayRange Days { get; }

    /// <summary>What the client reads ("Keep your scalp completely dry").</summary>
    public string Instruction { get; }

    /// <summary>Where the rule comes from (an article, the clinic's own practice).</summary>
    public string Source { get; }

    /// <summary>Set when the client's technician changed this rule for them: what the client reads about it.</summary>
    public string? AdjustedNote { get; private init; }

    /// <summary>This rule as the technician adjusted it for one client (see <see cref="RuleAdjustment"/>).</summary>
    internal ProtocolRule AdjustedTo(DayRange days, string note) =>
        new(Activity, Kind, Anchor, days, Instruction, Source) { AdjustedNote = note };

    public static ProtocolRule Avoid(Activity activity, RuleAnchor anchor, DayRange days, string instruction, string source) =>
        Create(activity, RuleKind.Avoid, anchor, days, instruction, source);

    public static ProtocolRule Recommend(Activity activity, RuleAnchor anchor, DayRange days, string instruction, string source) =>
        Create(activity, RuleKind.Recommend, anchor, days, instruction, source);

    /// <summary>Builds a rule from stored or typed values (codes and plain day numbers).</summary>
    public static ProtocolRule Create(string activityCode, RuleKind kind, RuleAnchor anchor, int fromDay, int? toDay, string instruction, string source) =>
        Create(Activity.FromCode(activityCode), kind, anchor, DayRange.Create(fromDay, toDay), instruction, source);

    public static ProtocolRule Create(Activity activity, RuleKind kind, RuleAnchor anchor, DayRange days, string instruction, string source)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException($"Unknown rule kind {kind}.");
        }

        if (!Enum.IsDefined(anchor))
        {
            throw new DomainException($"Unknown rule anchor {anchor}.");
        }

        if (activity.IsCare && kind == RuleKind.Avoid)
        {
            throw new DomainException($"'{activity.Code}' is care advice; it can only be recommended, not avoided.");
        }

        if (!activity.IsCare && kind == RuleKind.Recommend)
        {
            throw new DomainException($"'{activity.Code}' is a restriction; it can only be avoided, not recommended.");
        }

        if (string.IsNullOrWhiteSpace(instruction))
        {
            throw new DomainException($"The rule for '{activity.Code}' needs an instruction for the client.");
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            throw new DomainException($"The rule for '{activity.Code}' needs a source.");
        }

        return new ProtocolRule(activity, kind, anchor, days, instruction.Trim(), source.Trim());
    }

    public override string ToString() => $"{Kind} {Activity.Code} {Days} after {(Anchor == RuleAnchor.EverySession ? "every" : "the final")} session";
}
