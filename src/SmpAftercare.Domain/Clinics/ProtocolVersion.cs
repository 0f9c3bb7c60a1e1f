using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.Clinics;

/// <summary>A stored rule line of a protocol version; disabled lines are kept so the clinic can switch them back on.</summary>
public sealed class ProtocolRuleEntry
{
    private ProtocolRuleEntry()
    {
        ActivityCode = Instruction = Source = string.Empty;
    }

    public int Position { get; private set; }

    public string ActivityCode { get; private set; }

    public RuleKind Kind { get; private set; }

    public RuleAnchor Anchor { get; private set; }

    public int FromDay { get; private set; }

    public int? ToDay { get; private set; }

    public string Instruction { get; private set; }

    public string Source { get; private set; }

    public bool Enabled { get; private set; }

    /// <summary>Checks the line through the domain rule, so a stored line is always a valid rule.</summary>
    public static ProtocolRuleEntry Create(int position, string activityCode, RuleKind kind, RuleAnchor anchor, int fromDay, int? toDay, string instruction, string source, bool enabled)
    {
        var rule = ProtocolRule.Create(activityCode, kind, anchor, fromDay, toDay, instruction, source);
        return From(position, rule, enabled);
    }

    public static ProtocolRuleEntry From(int position, ProtocolRule rule, bool enabled) => new()
    {
        Position = position,
        ActivityCode = rule.Activity.Code,
        Kind = rule.Kind,
        Anchor = rule.Anchor,
        FromDay = rule.Days.From,
        ToDay = rule.Days.To,
        Instruction = rule.Instruction,
        Source = rule.Source,
        Enabled = enabled,
    };

    public ProtocolRule ToRule() => ProtocolRule.Create(ActivityCode, Kind, Anchor, FromDay, ToDay, Instruction, Source);
}

/// <summary>
/// One saved version of a clinic's protocol. Versions are never edited: saving makes a new one, and each
/// session points at the version it was logged under.
/// </summary>
public sealed class ProtocolVersion
{
    private readonly List<ProtocolRuleEntry> _rules = [];

    private ProtocolVersion()
    {
        CreatedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ClinicId { get; private set; }

    public int Version { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; }

    public IReadOnlyList<ProtocolRuleEntry> Rules => _rules;

    public static ProtocolVersion Initial(Guid clinicId, string createdBy, DateTime nowUtc) =>
        Create(clinicId, 1, DefaultEntries(), createdBy, nowUtc);

    public ProtocolVersion Next(IEnumerable<ProtocolRuleEntry> rules, string createdBy, DateTime nowUtc) =>
        Create(ClinicId, Version + 1, rules, createdBy, nowUtc);

    /// <summary>A new version equal to the default SMP protocol; this one stays as it is for the sessions logged under it.</summary>
    public ProtocolVersion ResetToDefault(string createdBy, DateTime nowUtc) => Next(DefaultEntries(), createdBy, nowUtc);

    private static IEnumerable<ProtocolRuleEntry> DefaultEntries() =>
        DefaultProtocol.Smp.Rules.Select((r, i) => ProtocolRuleEntry.From(i, r, enabled: true));

    /// <summary>The rules in force: the enabled lines, as a domain protocol.</summary>
    public Protocol ToProtocol() =>
        Protocol.Create($"{DefaultProtocol.Name} v{Version}", _rules.Where(r => r.Enabled).OrderBy(r => r.Position).Select(r => r.ToRule()));

    private static ProtocolVersion Create(Guid clinicId, int version, IEnumerable<ProtocolRuleEntry> rules, string createdBy, DateTime nowUtc)
    {
        var created = new ProtocolVersion
        {
            Id = Guid.NewGuid(),
            ClinicId = clinicId,
            Version = version,
            CreatedBy = createdBy,
            CreatedAtUtc = nowUtc,
        };
        created._rules.AddRange(rules.OrderBy(r => r.Position));
        if (!created._rules.Any(r => r.Enabled))
        {
            throw new DomainException("A protocol needs at least one rule switched on.");
        }

        _ = created.ToProtocol();
        return created;
    }
}
