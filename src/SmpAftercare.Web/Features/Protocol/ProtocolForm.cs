using FluentValidation;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Web.Features.Protocol;

/// <summary>The protocol edit form: every rule line of the current version; "add a rule" appends a line.</summary>
public sealed class ProtocolForm
{
    /// <summary>The version the form was opened on; saving over a newer one would drop someone else's changes.</summary>
    public int BaseVersion { get; set; }

    public List<ProtocolRuleRow> Rules { get; set; } = [];

    public static ProtocolForm From(ProtocolVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new ProtocolForm
        {
            BaseVersion = version.Version,
            Rules = [.. version.Rules.OrderBy(r => r.Position).Select(ProtocolRuleRow.From)],
        };
    }

    public ProtocolRuleRow AddRule()
    {
        var row = new ProtocolRuleRow { Enabled = true, FromDay = 0 };
        Rules.Add(row);
        return row;
    }

    /// <summary>The lines as typed so far that make a rule (for the live preview and comparison; unfinished lines are left out).</summary>
    public IReadOnlyList<ProtocolComparison.Line> CompleteLines() =>
        [.. Rules.Where(r => r.ToRule() is not null).Select(r => new ProtocolComparison.Line(r.ActivityCode!.Trim(), r.Kind, r.Anchor, r.FromDay!.Value, r.ToDay, r.Instruction!, r.Source!, r.Enabled))];

    /// <summary>The rules switched on that are complete, as the engine takes them; null when there is none yet.</summary>
    public Domain.Aftercare.Protocol? PreviewProtocol()
    {
        var rules = Rules.Where(r => r.Enabled).Select(r => r.ToRule()).OfType<ProtocolRule>().ToList();
        return rules.Count == 0 ? null : Domain.Aftercare.Protocol.Create("Preview", rules);
    }

    /// <summary>The lines to save, in the order shown; blank lines are left out. Call only on a valid form.</summary>
    public IReadOnlyList<ProtocolRuleEntry> ToEntries() =>
    [
        .. Rules.Where(r => !r.IsBlank).Select((r, position) => ProtocolRuleEntry.Create(position, r.ActivityCode!.Trim(), r.Kind, r.Anchor,
            r.FromDay!.Value, r.ToDay, r.Instruction!, r.Source!, r.Enabled)),
    ];
}

public sealed class ProtocolRuleRow
{
    // False by default: an unticked checkbox posts nothing, so only a posted "true" may switch a rule on.
    public bool Enabled { get; set; }

    public string? ActivityCode { get; set; }

    public RuleKind Kind { get; set; } = RuleKind.Avoid;

    public RuleAnchor Anchor { get; set; } = RuleAnchor.EverySession;

    public int? FromDay { get; set; }

    /// <summary>Empty means open-ended ("day 30 onwards").</summary>
    public int? ToDay { get; set; }

    public string? Instruction { get; set; }

    public string? Source { get; set; }

    /// <summary>An added line left untouched: nothing typed and no activity chosen.</summary>
    public bool IsBlank =>
        string.IsNullOrWhiteSpace(ActivityCode) && string.IsNullOrWhiteSpace(Instruction) && string.IsNullOrWhiteSpace(Source)
        && FromDay is null && ToDay is null;

    /// <summary>The line as a domain rule when it is complete and valid; null otherwise (still being typed).</summary>
    public ProtocolRule? ToRule()
    {
        if (IsBlank || FromDay is not { } from || Instruction is null || Source is null)
        {
            return null;
        }

        try
        {
            return ProtocolRule.Create(ActivityCode ?? string.Empty, Kind, Anchor, from, ToDay, Instruction, Source);
        }
        catch (DomainException)
        {
            return null;
        }
    }

    /// <summary>Chooses the activity; avoid or recommend follows from it (care advice is recommended, the rest avoided).</summary>
    public void ChooseActivity(string? code)
    {
        ActivityCode = code;
        if (Activity.TryFromCode(code, out var activity))
        {
            Kind = activity.IsCare ? RuleKind.Recommend : RuleKind.Avoid;
        }
    }

    public static ProtocolRuleRow From(ProtocolRuleEntry entry) => new()
    {
        Enabled = entry.Enabled,
        ActivityCode = entry.ActivityCode,
        Kind = entry.Kind,
        Anchor = entry.Anchor,
        FromDay = entry.FromDay,
        ToDay = entry.ToDay,
        Instruction = entry.Instruction,
        // Article numbers read as the articles' titles: a number on screen means nothing to staff.
        Source = RuleText.Source(entry.Source),
    };
}

public sealed class ProtocolFormValidator : AbstractValidator<ProtocolForm>
{
    public ProtocolFormValidator()
    {
        RuleForEach(f => f.Rules).SetValidator(new ProtocolRuleRowValidator());
        RuleFor(f => f.Rules)
            .Must(rules => rules.Any(r => !r.IsBlank && r.Enabled))
            .WithMessage("Switch on at least one rule: a protocol with no rules would give clients no aftercare.");
    }
}

public sealed class ProtocolRuleRowValidator : AbstractValidator<ProtocolRuleRow>
{
    public ProtocolRuleRowValidator()
    {
        When(r => !r.IsBlank, () =>
        {
            RuleFor(r => r.ActivityCode)
                .NotEmpty().WithMessage("Choose an activity, or clear this row.")
                .Must(code => Activity.TryFromCode(code, out _))
                .When(r => !string.IsNullOrWhiteSpace(r.ActivityCode), ApplyConditionTo.CurrentValidator)
                .WithMessage("Choose an activity from the list.");
            RuleFor(r => r.Kind)
                .IsInEnum().WithMessage("Choose avoid or recommend.")
                .Must((row, kind) => KindFits(row.ActivityCode, kind))
                .WithMessage(row => Activity.TryFromCode(row.ActivityCode, out var a) && a.IsCare
                    ? $"{a.Name} is care advice: it can only be recommended."
                    : "This activity is a restriction: it can only be avoided.");
            RuleFor(r => r.Anchor).IsInEnum().WithMessage("Choose every session or the final session.");
            RuleFor(r => r.FromDay)
                .NotNull().WithMessage("Enter the first day (0 is the day of the session).")
                .InclusiveBetween(0, DayRange.MaxDay).WithMessage($"Start between day 0 and day {DayRange.MaxDay}.");
            RuleFor(r => r.ToDay)
                .Must((row, to) => to >= row.FromDay)
                .When(r => r.ToDay is not null && r.FromDay is not null, ApplyConditionTo.CurrentValidator)
                .WithMessage("A rule cannot end before it starts.")
                .LessThanOrEqualTo(DayRange.MaxDay)
                .WithMessage($"End by day {DayRange.MaxDay}, or leave the end empty for a rule that never ends.");
            RuleFor(r => r.Instruction)
                .NotEmpty().WithMessage("Write the instruction the client reads.")
                .MaximumLength(500).WithMessage("Keep the instruction under 500 characters.");
            RuleFor(r => r.Source)
                .NotEmpty().WithMessage("Say where this rule comes from (an article, your clinic's practice).")
                .MaximumLength(300).WithMessage("Keep the source under 300 characters.");
        });
    }

    // Unknown activities get their own message on the activity field; only judge the kind of a known one.
    private static bool KindFits(string? code, RuleKind kind) =>
        !Activity.TryFromCode(code, out var activity) || activity.IsCare == (kind == RuleKind.Recommend);
}
