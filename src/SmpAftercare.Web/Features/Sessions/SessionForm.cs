using FluentValidation;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;

namespace SmpAftercare.Web.Features.Sessions;

public sealed class SessionForm
{
    public DateOnly? Date { get; set; }

    public TimeOnly? Time { get; set; }

    public string? TechnicianId { get; set; }

    public bool IsFinal { get; set; }

    public string? PigmentNotes { get; set; }

    public string? NeedleNotes { get; set; }

    public string? AreaNotes { get; set; }

    public string? Notes { get; set; }

    /// <summary>Staff have read the spacing warning and log the session anyway.</summary>
    public bool AcceptSpacing { get; set; }

    /// <summary>Staff have read the client's contraindications and go ahead.</summary>
    public bool ConfirmContraindications { get; set; }

    /// <summary>
    /// What the rules need to know about the client and clinic. Set through <see cref="For"/> by the page (or API);
    /// no public setter, so the form binder neither fills nor tries to build it from posted fields.
    /// </summary>
    public SessionFormContext? Context { get; private set; }

    public SessionForm For(SessionFormContext context)
    {
        Context = context;
        return this;
    }

    public DateTime? LocalStart => Date is { } d && Time is { } t ? d.ToDateTime(t) : null;

    public static SessionForm From(TreatmentSession session, ClinicTimeZone zone)
    {
        var local = zone.ToLocal(session.StartsAt);
        return new SessionForm
        {
            Date = DateOnly.FromDateTime(local),
            Time = TimeOnly.FromDateTime(local),
            TechnicianId = session.TechnicianId,
            IsFinal = session.IsFinal,
            PigmentNotes = session.PigmentNotes,
            NeedleNotes = session.NeedleNotes,
            AreaNotes = session.AreaNotes,
            Notes = session.Notes,
        };
    }

    public SessionDetails ToDetails(string technicianName) =>
        new(Context!.Zone.ToInstant(LocalStart!.Value), TechnicianId, technicianName, IsFinal, PigmentNotes, NeedleNotes, AreaNotes, Notes);
}

/// <param name="Others">The client's other kept sessions (all of them when logging a new one; all but the edited one when editing).</param>
/// <param name="Technicians">Staff who may be named as the technician: id to name.</param>
/// <param name="ContraindicationWarning">The client's warning, which must be confirmed, or null.</param>
/// <param name="EditingOriginalStart">When the edited session started before this edit; null for a new session.</param>
public sealed record SessionFormContext(
    ClinicTimeZone Zone,
    DateOnly Today,
    IReadOnlyList<TreatmentSession> Others,
    IReadOnlyDictionary<string, string> Technicians,
    string? ContraindicationWarning,
    DateTimeOffset? EditingOriginalStart = null);

public sealed class SessionFormValidator : AbstractValidator<SessionForm>
{
    public SessionFormValidator()
    {
        RuleFor(f => f.Context).NotNull().WithMessage("The form is missing its client.");
        RuleFor(f => f.Date).NotNull().WithMessage("Enter the session date.");
        RuleFor(f => f.Time).NotNull().WithMessage("Enter the time the session started.");
        RuleFor(f => f.TechnicianId)
            .NotEmpty().WithMessage("Choose the technician.")
            .Must((f, id) => f.Context is null || f.Context.Technicians.ContainsKey(id!))
            // Only this check: a plain When also switched off NotEmpty above, and a post without a technician got through.
            .When(f => !string.IsNullOrEmpty(f.TechnicianId), ApplyConditionTo.CurrentValidator)
            .WithMessage("Choose a technician of this clinic.");
        RuleFor(f => f.PigmentNotes).MaximumLength(1000);
        RuleFor(f => f.NeedleNotes).MaximumLength(1000);
        RuleFor(f => f.AreaNotes).MaximumLength(1000);
        RuleFor(f => f.Notes).MaximumLength(4000);
        RuleFor(f => f.ConfirmContraindications).Equal(true)
            .When(f => f.Context?.ContraindicationWarning is not null)
            .WithMessage("Confirm you have read the client's contraindications.");

        // Bounds first: a date outside them (year 1, year 9999) is not looked at any further, so nothing converts it.
        When(f => f.Context is not null && f.Date is not null, () =>
            RuleFor(f => f.Date)
                .Must((f, _) => DateProblem(f) is null)
                .WithMessage(f => DateProblem(f)!));
        When(f => f.Context is not null && f.LocalStart is not null && DateProblem(f) is null, () =>
        {
            RuleFor(f => f.Time)
                .Must((f, time) => f.Context!.Zone.TryToInstant(f.LocalStart!.Value, out var _))
                .WithMessage(f => $"{f.LocalStart:HH:mm} does not exist on {f.Date:d MMM yyyy} in {f.Context!.Zone.Id}: the clocks go forward. Use the time shown on the clinic's clock.");
            RuleFor(f => f.Date).Custom((_, context) => CheckOrder(context.InstanceToValidate, context));
        });
    }

    /// <summary>Why the entered date is out of bounds; an edited session that keeps its saved date is left alone.</summary>
    private static string? DateProblem(SessionForm form)
    {
        var ctx = form.Context!;
        if (ctx.EditingOriginalStart is { } original && form.Date == DateOnly.FromDateTime(ctx.Zone.ToLocal(original)))
        {
            return null;
        }

        return DateBounds.SessionDateProblem(form.Date!.Value, ctx.Today);
    }

    private static void CheckOrder(SessionForm form, ValidationContext<SessionForm> context)
    {
        var ctx = form.Context!;
        if (!ctx.Zone.TryToInstant(form.LocalStart!.Value, out var start))
        {
            return;
        }

        var others = ctx.Others.OrderBy(s => s.StartsAtUtc).ToList();
        if (others.FirstOrDefault(s => s.StartsAt == start) is { } same)
        {
            context.AddFailure(nameof(SessionForm.Date), $"Session {same.SessionNumber} already starts at this moment.");
            return;
        }

        // Any time is allowed, earlier ones too (a forgotten session is backfilled and the numbers follow time
        // order); what is refused is what the client's sessions cannot hold: something after the final session.
        if (others.LastOrDefault(s => s.StartsAt < start && s.IsFinal) is { } final)
        {
            context.AddFailure(nameof(SessionForm.IsFinal),
                $"Session {final.SessionNumber} ({Local(ctx, final)}) is marked final. Edit it first if the treatment goes on.");
        }

        if (form.IsFinal && others.FirstOrDefault(s => s.StartsAt > start) is { } next)
        {
            context.AddFailure(nameof(SessionForm.IsFinal),
                $"Only the last session can be final: session {next.SessionNumber} ({Local(ctx, next)}) comes after this one.");
        }
    }

    private static string Local(SessionFormContext ctx, TreatmentSession session) =>
        ctx.Zone.ToLocal(session.StartsAt).ToString("d MMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
