using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Data;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Web.Features.Sessions;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Tests.Infrastructure;

/// <summary>
/// Logs, changes and deletes sessions the way the interactive session pages do (a context for the signed-in clinic,
/// SessionBook.OpenAsync, the form's validator, then SaveAsync or DeleteAsync), for tests on both database providers
/// where bunit's single SQLite app does not reach. The pages themselves are driven in Components/SessionEditorTests.
/// </summary>
public static class StaffSessionCalls
{
    public sealed record Result(SessionOutcome? Outcome, IReadOnlyList<string> Messages);

    /// <param name="local">Clinic-local start "yyyy-MM-dd HH:mm"; null keeps an edited session's time.</param>
    public static Task<Result> LogAsync(this AppFactory app, TestClinic clinic, TestStaff by, Guid clientId, string local, bool final = false, bool acceptSpacing = false) =>
        SaveAsync(app, clinic, by, clientId, null, local, final, acceptSpacing);

    public static Task<Result> ChangeAsync(this AppFactory app, TestClinic clinic, TestStaff by, Guid sessionId, string? local = null, bool? final = null, string? notes = null) =>
        SaveAsync(app, clinic, by, null, sessionId, local, final, acceptSpacing: true, notes);

    public static async Task<SessionOutcome?> DeleteSessionAsync(this AppFactory app, TestClinic clinic, TestStaff by, Guid sessionId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = new AppDbContext(app.Services.GetRequiredService<DbContextOptions<AppDbContext>>(), new FixedClinic(clinic.Id));
        var draft = await SessionBook.OpenAsync(db, null, sessionId);
        return draft is null ? null : await scope.ServiceProvider.GetRequiredService<SessionBook>().DeleteAsync(db, draft, Actor(clinic, by));
    }

    private static async Task<Result> SaveAsync(AppFactory app, TestClinic clinic, TestStaff by, Guid? clientId, Guid? sessionId, string? local, bool? final, bool acceptSpacing, string? notes = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = new AppDbContext(app.Services.GetRequiredService<DbContextOptions<AppDbContext>>(), new FixedClinic(clinic.Id));
        var draft = await SessionBook.OpenAsync(db, clientId, sessionId);
        if (draft is null)
        {
            return new Result(null, ["not found"]);
        }

        var zone = draft.Clinic.TimeZone;
        var technicians = await StaffQueries.TechniciansAsync(db, clinic.Id);
        var form = draft.Session is { } session ? SessionForm.From(session, zone) : new SessionForm { TechnicianId = by.Id, ConfirmContraindications = true };
        if (local is not null)
        {
            var at = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            (form.Date, form.Time) = (DateOnly.FromDateTime(at), TimeOnly.FromDateTime(at));
        }

        form.IsFinal = final ?? form.IsFinal;
        form.Notes = notes ?? form.Notes;
        form.For(new SessionFormContext(zone, zone.DateOf(app.Clock.GetUtcNow()), draft.Others, technicians,
            draft.Session is null ? draft.Client.ContraindicationWarning : null, draft.Session?.StartsAt));
        var validation = await app.Services.GetRequiredService<FluentValidation.IValidator<SessionForm>>().ValidateAsync(form);
        if (!validation.IsValid)
        {
            return new Result(null, [.. validation.Errors.Select(e => e.ErrorMessage)]);
        }

        var outcome = await scope.ServiceProvider.GetRequiredService<SessionBook>()
            .SaveAsync(db, draft, form.ToDetails(technicians[form.TechnicianId!]), Actor(clinic, by), acceptSpacing);
        return new Result(outcome, []);
    }

    /// <summary>A context as a signed-in member of <paramref name="clinicId"/> has it: the query filters keep to that clinic.</summary>
    public static AppDbContext ClinicDb(this AppFactory app, Guid clinicId) =>
        new(app.Services.GetRequiredService<DbContextOptions<AppDbContext>>(), new FixedClinic(clinicId));

    private static SessionActor Actor(TestClinic clinic, TestStaff by) => new(clinic.Id, by.Id, by.FullName);

    private sealed class FixedClinic(Guid id) : ICurrentClinic
    {
        public Guid? ClinicId => id;
    }
}
