using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.CheckIns;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.ClientLink;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.CheckIns;

/// <summary>API answer: one check-in.</summary>
public sealed record CheckInResponse(Guid Id, DateTime SubmittedAtUtc, DateOnly Date, int HealingDay, int SessionNumber,
    IReadOnlyList<CheckInSignResponse> Signs, string? Note, bool Warning, DateTime? SeenAtUtc, string? SeenNote, IReadOnlyList<CheckInPhotoResponse> Photos);

public sealed record CheckInSignResponse(string Code, string Label, string Verdict);

public sealed record CheckInPhotoResponse(Guid Id, string Angle, int Width, int Height, string Url, string? OriginalUrl);

/// <summary>
/// Wiring and the URLs that read check-ins: the photo files for staff, for the holder of the client's own link and
/// for the clinic's API keys; the API's list. Every photo answer says no-store: health pictures stay out of caches.
/// </summary>
public static class CheckInEndpoints
{
    /// <summary>Four photos at the limit plus the form's fields: requests to the client's page may be this large.</summary>
    public static long MaxCheckInRequestBytes(CheckInOptions options) => (PhotoAngles.All.Count * options.MaxPhotoBytes) + (1024 * 1024);

    public static void AddCheckIns(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<CheckInOptions>(builder.Configuration.GetSection(CheckInOptions.Section));
        services.AddSingleton<PhotoProcessor>();
        services.AddSingleton<CheckInPhotoStore>();
        services.AddSingleton<CheckInAlertMails>();
        services.AddHostedService(sp => sp.GetRequiredService<CheckInAlertMails>());
        services.AddScoped<CheckInSubmission>();
    }

    /// <summary>
    /// Lets a check-in with photos through the server's default request limit (30 MB), on the client's page only:
    /// every other endpoint keeps the default.
    /// </summary>
    public static void UseCheckInUploads(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(ClientLinkSetup.PathPrefix)
                && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                var options = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<CheckInOptions>>().Value;
                limit.MaxRequestBodySize = MaxCheckInRequestBytes(options);
            }

            await next(context);
        });

    public static void MapCheckIns(this WebApplication app)
    {
        app.MapGet("/check-ins/photos/{photoId:guid}", StaffPhotoAsync).RequireAuthorization(Policies.Staff);
        app.MapGet(ClientLinkSetup.PathPrefix + "/{token}/photos/{photoId:guid}", LinkPhotoAsync).RequireRateLimiting(ClientLinkSetup.RateLimitPolicy);

        var api = app.MapGroup(Api.ApiEndpoints.Prefix)
            .RequireAuthorization(Api.ApiKeyAuthentication.Policy)
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithTags("Clients");
        api.MapGet("/clients/{id:guid}/check-ins", ListAsync)
            .WithName("ListCheckIns")
            .WithSummary("List a client's check-ins")
            .WithDescription("Newest first. Each check-in has the healing day it was made on, the signs the client ticked with what they mean on that day " +
                             "(normal or warning), the client's note, whether the clinic marked the alert seen, and links to its photos. " +
                             "Read a photo with the same API key (image/jpeg, no metadata).")
            .Produces<IReadOnlyList<CheckInResponse>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/clients/{id:guid}/check-ins/photos/{photoId:guid}", ApiPhotoAsync)
            .WithName("GetCheckInPhoto")
            .WithSummary("Read a check-in photo")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(Guid id, HttpRequest request, AppDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!await db.Clients.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return Api.ApiRequests.NotFound("client");
        }

        var views = await CheckInAlerts.ForClientAsync(db, id, cancellationToken);
        audit.Record(AuditActions.ClientViewed, id, "Check-ins, through the API");
        await db.SaveChangesAsync(cancellationToken);
        var origin = $"{request.Scheme}://{request.Host}{request.PathBase}{Api.ApiEndpoints.Prefix}/clients/{id}/check-ins/photos/";
        return TypedResults.Ok(views.Select(v => new CheckInResponse(v.CheckIn.Id, v.CheckIn.SubmittedAtUtc, v.CheckIn.Date, v.CheckIn.HealingDay, v.CheckIn.SessionNumber,
            [.. v.CheckIn.Answers.Select(a => new CheckInSignResponse(a.Sign.Code, a.Sign.Label, a.Verdict == SignVerdict.Warning ? "warning" : "normal"))],
            v.CheckIn.Note, v.CheckIn.IsWarning, v.CheckIn.SeenAtUtc, v.CheckIn.SeenNote,
            [.. v.Photos.Select(p => new CheckInPhotoResponse(p.Id, p.Angle.Code(), p.Width, p.Height, origin + p.Id, p.HasOriginal ? origin + p.Id + "?original=true" : null))])).ToList());
    }

    private static async Task<IResult> ApiPhotoAsync(Guid id, Guid photoId, bool? original, HttpContext context, AppDbContext db, CheckInPhotoStore store, CancellationToken cancellationToken)
    {
        // The query filter keeps it to the key's clinic; the client id in the path must match too.
        var photo = await db.CheckInPhotos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == photoId && p.ClientId == id, cancellationToken);
        return photo is null ? Api.ApiRequests.NotFound("photo") : Serve(context, store, photo, original == true);
    }

    private static async Task<IResult> StaffPhotoAsync(Guid photoId, bool? original, HttpContext context, AppDbContext db, CheckInPhotoStore store, CancellationToken cancellationToken)
    {
        var photo = await db.CheckInPhotos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == photoId, cancellationToken);
        return photo is null ? NotFound(context) : Serve(context, store, photo, original == true);
    }

    private static async Task<IResult> LinkPhotoAsync(string token, Guid photoId, HttpContext context, AppDbContext db, TimeProvider clock, CheckInPhotoStore store, CancellationToken cancellationToken)
    {
        var link = await ClientLinks.ResolveAsync(db, token, clock.GetUtcNow(), cancellationToken);
        if (!link.IsActive)
        {
            return NotFound(context);
        }

        var photo = await db.CheckInPhotos.IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == photoId && p.ClientId == link.Client!.Id && p.ClinicId == link.Clinic!.Id, cancellationToken);
        return photo is null ? NotFound(context) : Serve(context, store, photo, original: false);
    }

    private static IResult Serve(HttpContext context, CheckInPhotoStore store, CheckInPhoto photo, bool original)
    {
        var path = store.PathOf(photo, original && photo.HasOriginal);
        if (!File.Exists(path))
        {
            return NotFound(context);
        }

        SecurityHeaders.NoStore(context);
        context.Response.Headers.CacheControl = "no-store, private";
        return Results.File(path, "image/jpeg");
    }

    private static IResult NotFound(HttpContext context)
    {
        SecurityHeaders.NoStore(context);
        return Results.Text("There is no such photo, or it is not yours to see.", "text/plain", statusCode: StatusCodes.Status404NotFound);
    }
}
