using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Clients;
using SmpAftercare.Web.Features.Sessions;
using SmpAftercare.Web.Infrastructure;

using SmpAftercare.Web.Features.ClientLink;
using SmpAftercare.Web.Features.Reminders;

namespace SmpAftercare.Web.Features.Api;

/// <summary>
/// The integration API (/api/v1): booking systems create clients and log sessions through the same validators
/// and domain rules as the staff forms, scoped to the API key's clinic by the same tenant filter.
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    private static readonly Dictionary<string, string> ClientFields = new()
    {
        [nameof(ClientForm.FullName)] = "fullName",
        [nameof(ClientForm.Email)] = "email",
        [nameof(ClientForm.Phone)] = "phone",
        [nameof(ClientForm.EmailConsent)] = "emailReminders",
        [nameof(ClientForm.SmsConsent)] = "smsReminders",
        [nameof(ClientForm.Notes)] = "notes",
    };

    private static readonly Dictionary<string, string> SessionFields = new()
    {
        [nameof(SessionForm.Date)] = "startsAt",
        [nameof(SessionForm.Time)] = "startsAt",
        [nameof(SessionForm.TechnicianId)] = "technician",
        [nameof(SessionForm.IsFinal)] = "isFinal",
        [nameof(SessionForm.Notes)] = "notes",
        [nameof(SessionForm.PigmentNotes)] = "pigmentNotes",
        [nameof(SessionForm.NeedleNotes)] = "needleNotes",
        [nameof(SessionForm.AreaNotes)] = "areaNotes",
        [nameof(SessionForm.ConfirmContraindications)] = "confirmContraindications",
    };

    private static readonly string[] LocalStartFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    public static void AddSmpAftercareApi(this IServiceCollection services)
    {
        // Numbers are numbers: without this the OpenAPI schemas say every integer may also come as a string.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.AddApiErrors();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, null);
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith(Prefix[1..] + "/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "SmpAftercare integration API",
                    Version = "v1",
                    Description = "Create clients, log sessions and read aftercare timelines for one clinic. " +
                                  "Authenticate with the clinic's API key: 'Authorization: Bearer <key>'. " +
                                  "Errors are RFC 7807 problem details; validation errors list each JSON field under 'errors'.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyAuthentication.Scheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key created by the clinic owner (/settings/api-keys) or with 'api-key create' on the command line.",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthentication.Scheme, document)] = [] });
                return Task.CompletedTask;
            });
        });
    }

    public static void MapSmpAftercareApi(this WebApplication app)
    {
        app.MapOpenApi();

        var api = app.MapGroup(Prefix)
            .RequireAuthorization(ApiKeyAuthentication.Policy)
            // Bearer keys, no cookies: there is no ambient credential for a forged cross-site request to ride on.
            .DisableAntiforgery()
            .AddEndpointFilter(RefuseBrokenRules)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithTags("Clients");

        api.MapPost("/clients", CreateClientAsync)
            .WithName("CreateClient")
            .WithSummary("Create a client")
            .Accepts<ClientRequest>("application/json")
            .Produces<ClientResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        api.MapGet("/clients/{id:guid}", GetClientAsync)
            .WithName("GetClient")
            .WithSummary("Read a client")
            .Produces<ClientResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/clients/{id:guid}", EraseClientAsync)
            .WithName("EraseClient")
            .WithSummary("Erase a client and all their data")
            .WithDescription("For a client who asks to be forgotten; it cannot be undone. Removes the client, their sessions, rule adjustments, " +
                             "personal links (a link then answers 404 like one that never existed), reminders (none is sent afterwards), check-ins " +
                             "and photos. The clinic's activity log records that this key erased a client and when, without the client's name or " +
                             "contact details. Answers 204; 404 when there is no such client (or it was already erased); 409 while a reminder to " +
                             "the client is being handed to the mail server or SMS gateway: nothing was erased, retry in a minute.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/clients/{id:guid}/sessions", LogSessionAsync)
            .WithName("LogSession")
            .WithSummary("Log a session for a client")
            .WithDescription("The session number is not sent: it is the session's place in the client's time order, so an earlier session " +
                             "(backfilled) renumbers the later ones. The session is logged under the clinic's current protocol version. " +
                             "A session less than 7 days from its neighbour is saved with a spacing warning. " +
                             "Send an Idempotency-Key header to retry safely: a retry with the same key and body gets the first answer and saves nothing; " +
                             "the same key with another body answers 422. A concurrent change to the same client answers 409: read the client's sessions and retry.")
            .Accepts<SessionRequest>("application/json")
            .Produces<SessionCreatedResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/clients/{id:guid}/timeline", GetTimelineAsync)
            .WithName("GetTimeline")
            .WithSummary("Read a client's aftercare timeline")
            .Produces<TimelineResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/clients/{id:guid}/link", IssueLinkAsync)
            .WithName("IssueLink")
            .WithSummary("Give the client a new personal link (the old one stops working)")
            .Produces<LinkResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapUnsupportedMediaType("/clients", "/clients/{id:guid}/sessions");

        // Unknown paths under the API answer JSON, not the staff site's HTML "not found" page.
        api.MapFallback(() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such API endpoint",
                detail: "See /openapi/v1.json for the endpoints."))
            .ExcludeFromDescription();
    }

    private static async Task<IResult> CreateClientAsync(HttpRequest request, AppDbContext db, StaffContext caller, AuditLog audit,
        TimeProvider clock, IValidator<ClientForm> validator, ReminderOutbox outbox, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiRequests.ReadAsync<ClientRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var clinic = await db.Clinics.SingleAsync(cancellationToken);
        var form = new ClientForm
        {
            FullName = body!.FullName ?? string.Empty,
            Email = body.Email,
            Phone = body.Phone,
            EmailConsent = body.EmailReminders,
            SmsConsent = body.SmsReminders,
            Notes = body.Notes,
            Region = clinic.Region,
        };
        var result = await validator.ValidateAsync(form, cancellationToken);
        if (!result.IsValid)
        {
            var errors = new Dictionary<string, List<string>>();
            errors.Add(result.Errors, ClientFields);
            return ApiRequests.Invalid(errors);
        }

        var client = Client.Create(caller.RequiredClinicId, form.ToDetails(), form.Region, clock.GetUtcNow().UtcDateTime);
        db.Clients.Add(client);
        audit.Record(AuditActions.ClientCreated, client.Id, "Through the API");
        await outbox.RecomputeAsync(db, clinic, client.Id, clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{Prefix}/clients/{client.Id}", ClientResponse.From(client));
    }

    private static async Task<IResult> GetClientAsync(Guid id, AppDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return ApiRequests.NotFound("client");
        }

        // Reading a client's record is audited on the staff pages too.
        audit.Record(AuditActions.ClientViewed, client.Id, "Through the API");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ClientResponse.From(client));
    }

    private static async Task<IResult> EraseClientAsync(Guid id, AppDbContext db, StaffContext caller, ClientErasure erasure, CancellationToken cancellationToken)
    {
        var outcome = await erasure.EraseAsync(db, id, caller.UserId, caller.DisplayName, cancellationToken);
        return outcome.Result switch
        {
            ErasureResult.Erased => TypedResults.NoContent(),
            ErasureResult.ReminderBeingSent => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "A reminder to this client is being sent right now", detail: ErasureOutcome.BeingSentMessage),
            _ => ApiRequests.NotFound("client"),
        };
    }

    private static async Task<IResult> LogSessionAsync(Guid id, HttpRequest request, AppDbContext db, StaffContext caller, SessionBook book,
        TimeProvider clock, IValidator<SessionForm> validator, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (idempotency, answer) = await ApiIdempotency.BeginAsync(request, db, caller.RequiredClinicId, now.UtcDateTime, cancellationToken);
        if (answer is not null)
        {
            return answer;
        }

        var draft = await SessionBook.OpenAsync(db, id, null, cancellationToken);
        if (draft is null)
        {
            return ApiRequests.NotFound("client");
        }

        var (body, problem) = await ApiRequests.ReadAsync<SessionRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var clinic = draft.Clinic;
        var errors = new Dictionary<string, List<string>>();
        var start = ParseLocalStart(body!.StartsAt, clinic.TimeZoneId, errors);
        var technicians = await ApiTechnicians.LoadAsync(db, clinic.Id, cancellationToken);
        var technician = technicians.Match(body.Technician, errors);
        var form = new SessionForm
        {
            Date = start is { } s ? DateOnly.FromDateTime(s) : null,
            Time = start is { } t ? TimeOnly.FromDateTime(t) : null,
            TechnicianId = technician.Key,
            IsFinal = body.IsFinal,
            PigmentNotes = body.PigmentNotes,
            NeedleNotes = body.NeedleNotes,
            AreaNotes = body.AreaNotes,
            Notes = body.Notes,
            ConfirmContraindications = body.ConfirmContraindications,
        }.For(new SessionFormContext(clinic.TimeZone, clinic.TimeZone.DateOf(now), draft.Others, technician.Choices, draft.Client.ContraindicationWarning));

        var result = await validator.ValidateAsync(form, cancellationToken);
        // A startsAt or technician that could not be read already has its own message; the form's "enter the
        // date" or "choose the technician" would only repeat it.
        var unread = errors.Keys.ToHashSet();
        errors.Add(result.Errors.Where(f => !unread.Contains(SessionFields.GetValueOrDefault(f.PropertyName, ApiRequests.BodyKey))), SessionFields);
        if (errors.Count > 0)
        {
            // A twin of this request (same key) may have saved the session meanwhile: that is its answer, not a clash.
            return await ReplayIfSavedAsync(idempotency, db, now, cancellationToken) ?? ApiRequests.Invalid(errors);
        }

        var details = form.ToDetails(technician.Name!) with { TechnicianId = technician.StaffId };
        var outcome = await book.SaveAsync(db, draft, details, SessionActor.From(caller), acceptSpacing: true, ", through the API",
            saved => idempotency?.Stage(db, StatusCodes.Status201Created,
                JsonSerializer.Serialize(Created(saved), json.Value.SerializerOptions), null, now.UtcDateTime),
            cancellationToken);
        return outcome switch
        {
            SessionOutcome.Saved saved => TypedResults.Created((string?)null, Created(saved)),
            SessionOutcome.Refused refused => await ReplayIfSavedAsync(idempotency, db, now, cancellationToken) ?? RuleBroken(refused.Message),
            SessionOutcome.Conflict conflict => await ReplayIfSavedAsync(idempotency, db, now, cancellationToken)
                ?? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The client's sessions changed meanwhile", detail: conflict.Message),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
        };
    }

    private static SessionCreatedResponse Created(SessionOutcome.Saved saved) =>
        new(saved.Session.Id, saved.Session.SessionNumber, [.. saved.Warnings.Select(w => new ApiWarning("spacing", w))]);

    private static async Task<IResult?> ReplayIfSavedAsync(ApiIdempotency? idempotency, AppDbContext db, DateTimeOffset now, CancellationToken cancellationToken) =>
        idempotency is null ? null : await idempotency.AnswerAsync(db, now.UtcDateTime, cancellationToken);

    private static async Task<IResult> GetTimelineAsync(Guid id, AppDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return ApiRequests.NotFound("client");
        }

        var clinic = await db.Clinics.SingleAsync(cancellationToken);
        var sessions = await db.Sessions.Where(s => s.ClientId == id && s.Review == null).OrderBy(s => s.StartsAtUtc).ToListAsync(cancellationToken);
        var versions = await db.ProtocolVersions.Select(v => new { v.Id, v.Version }).ToDictionaryAsync(v => v.Id, v => v.Version, cancellationToken);
        var timeline = await TimelineLoader.BuildAsync(sessions, db.ProtocolVersions, clinic,
            await TimelineLoader.AdjustmentsAsync(db, clinic.Id, client.Id, cancellationToken), cancellationToken);
        var course = timeline.CourseOn(clinic.TimeZone.DateOf(clock.GetUtcNow()));
        audit.Record(AuditActions.ClientViewed, client.Id, "Timeline, through the API");
        await db.SaveChangesAsync(cancellationToken);

        return TypedResults.Ok(new TimelineResponse(
            clinic.TimeZoneId,
            [.. sessions.Select(s => new TimelineSessionResponse(s.Id, s.SessionNumber,
                clinic.TimeZone.ToLocal(s.StartsAt).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
                s.StartsAtUtc, s.IsFinal, s.TechnicianName, versions[s.ProtocolVersionId]))],
            [.. timeline.Milestones.Select(m => new MilestoneResponse(m.Activity.Code, m.AllowedFrom, m.Session.Id))],
            [.. timeline.DaysOf(course).Select(d => new DayResponse(d.Date, d.Latest?.Day ?? 0,
                [.. d.Avoid.Select(a => a.Activity.Code)], [.. d.Recommended.Select(a => a.Activity.Code)], PhaseCode(d.Phase)))],
            [.. timeline.Warnings.Select(w => new ApiWarning("spacing", w.Message))],
            [.. timeline.Courses.Where(c => course is not null && c.Number < course.Number).Select(c => new CourseResponse(c.FirstDay, c.LastDay, c.Sessions.Count))]));
    }

    private static async Task<IResult> IssueLinkAsync(Guid id, AppDbContext db, AuditLog audit, ClientLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return ApiRequests.NotFound("client");
        }

        // The issue asks for a replacement: the booking system hands out one current link per client.
        audit.Record(AuditActions.ClientLinkIssued, client.Id, "Through the API");
        var replaced = await links.ReplaceAsync(db, client, clock.GetUtcNow().UtcDateTime, links.FromRequest(), cancellationToken: cancellationToken);
        if (replaced?.Url is not { } url)
        {
            return TypedResults.Conflict(new { error = "Another request replaced this client's link at the same moment; ask again." });
        }

        return TypedResults.Created(url, new LinkResponse(url));
    }

    /// <summary>Clinic-local wall-clock time; an offset is refused because the clinic's zone decides the instant.</summary>
    private static DateTime? ParseLocalStart(string? text, string zone, Dictionary<string, List<string>> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add("startsAt", $"Send the session's start in the clinic's local time ({zone}), like 2026-03-02T10:00.");
            return null;
        }

        if (DateTime.TryParseExact(text.Trim(), LocalStartFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return local;
        }

        errors.Add("startsAt", DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && HasOffset(text)
            ? $"Send the clinic's local time without an offset or Z (the clinic is in {zone}), like 2026-03-02T10:00."
            : $"'{text}' is not a date and time like 2026-03-02T10:00 (clinic-local, {zone}).");
        return null;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');

    private static string PhaseCode(Phase phase)
    {
        var name = phase.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The domain guards again what the validators checked; a request that still breaks a rule is a 400, not a 500.</summary>
    private static async ValueTask<object?> RefuseBrokenRules(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DomainException e)
        {
            return RuleBroken(e.Message);
        }
    }

    /// <summary>Worded like every other 400, so callers read one shape: the rule's message under errors["$"].</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem RuleBroken(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ApiRequests.BodyKey] = [message] },
            title: "The request breaks a rule", detail: message);
}
