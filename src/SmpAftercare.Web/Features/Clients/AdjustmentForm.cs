using FluentValidation;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;

namespace SmpAftercare.Web.Features.Clients;

/// <summary>A technician's change to one client's rules (ClientRuleAdjustment), as staff fill it in.</summary>
public sealed class AdjustmentForm
{
    public Guid? FromSessionId { get; set; }

    public string? ActivityCode { get; set; }

    public RuleAnchor Anchor { get; set; } = RuleAnchor.EverySession;

    /// <summary>First day of a recommendation; a restriction keeps its rule's start.</summary>
    public int? FromDay { get; set; }

    /// <summary>The new last day to avoid, or the recommendation's last day.</summary>
    public int? ToDay { get; set; }

    public string? ClientNote { get; set; }

    public string? Reason { get; set; }

    /// <summary>What a technician may change for one client: every restriction, and the recommendations the protocol leaves to them.</summary>
    public static IReadOnlyList<Activity> Choices { get; } = [.. Activity.All.Where(a => !a.IsCare), Activity.Cleanser, Activity.Moisturize];
}

public sealed class AdjustmentFormValidator : AbstractValidator<AdjustmentForm>
{
    public AdjustmentFormValidator()
    {
        RuleFor(f => f.FromSessionId).NotNull().WithMessage("Choose the session the change starts from.");
        RuleFor(f => f.ActivityCode)
            .Must(code => Activity.TryFromCode(code, out var a) && AdjustmentForm.Choices.Contains(a))
            .WithMessage("Choose what to change.");
        RuleFor(f => f.Anchor).IsInEnum();
        RuleFor(f => f.ToDay).NotNull().WithMessage("Enter the last day (day 0 is the session day).")
            .InclusiveBetween(0, DayRange.MaxDay).WithMessage($"Enter a day between 0 and {DayRange.MaxDay}.");
        RuleFor(f => f.FromDay).NotNull().WithMessage("Enter the first day of the recommendation.")
            .When(f => Activity.TryFromCode(f.ActivityCode, out var a) && a.IsCare);
        RuleFor(f => f.FromDay).InclusiveBetween(0, DayRange.MaxDay).WithMessage($"Enter a day between 0 and {DayRange.MaxDay}.");
        RuleFor(f => f.ClientNote).NotEmpty().WithMessage("Write what the client reads, like \"a gentle cleanser is fine from day 4\".")
            .MaximumLength(ClientRuleAdjustment.ClientNoteMaxLength);
        RuleFor(f => f.Reason).NotEmpty().WithMessage("Give the reason for the change.")
            .MaximumLength(ClientRuleAdjustment.ReasonMaxLength);
    }
}
