using FluentValidation;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.CheckIns;

namespace SmpAftercare.Web.Features.CheckIns;

/// <summary>The clinic's check-in days as an owner types them ("3", "7, 30"), and whether original photos are kept.</summary>
public sealed class CheckInSettingsForm
{
    public string AfterEachSession { get; set; } = string.Empty;

    public string AfterFinalSession { get; set; } = string.Empty;

    public bool KeepOriginals { get; set; }

    public static CheckInSettingsForm From(ClinicCheckInSettings settings) => new()
    {
        AfterEachSession = CheckInSchedule.Format(settings.Schedule.AfterEachSession),
        AfterFinalSession = CheckInSchedule.Format(settings.Schedule.AfterFinalSession),
        KeepOriginals = settings.KeepOriginals,
    };

    /// <summary>The schedule, or a sentence saying what is wrong (the domain's rules, so the form and the domain agree).</summary>
    public static string? Problem(string? days, string which, bool final)
    {
        try
        {
            var parsed = CheckInSchedule.ParseDays(days, which);
            _ = final ? CheckInSchedule.Create([], parsed) : CheckInSchedule.Create(parsed, []);
            return null;
        }
        catch (DomainException e)
        {
            return e.Message;
        }
    }

    public CheckInSchedule ToSchedule() => CheckInSchedule.Create(
        CheckInSchedule.ParseDays(AfterEachSession, "after each session"),
        CheckInSchedule.ParseDays(AfterFinalSession, "after the final session"));
}

public sealed class CheckInSettingsFormValidator : AbstractValidator<CheckInSettingsForm>
{
    public CheckInSettingsFormValidator()
    {
        RuleFor(f => f.AfterEachSession).Custom((days, context) =>
        {
            if (CheckInSettingsForm.Problem(days, "after each session", final: false) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
        RuleFor(f => f.AfterFinalSession).Custom((days, context) =>
        {
            if (CheckInSettingsForm.Problem(days, "after the final session", final: true) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
    }
}
