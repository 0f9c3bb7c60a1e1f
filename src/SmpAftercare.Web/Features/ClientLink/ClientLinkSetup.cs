using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SmpAftercare.Domain.Calendar;
using SmpAftercare.Domain.Clients;

namespace SmpAftercare.Web.Features.ClientLink;

/// <summary>Wiring for the personal link: options, rate limit, response headers, log redaction and the calendar file.</summary>
public static class ClientLinkSetup
{
    public const string RateLimitPolicy = "client-link";

    public const string PathPrefix = "/c";

    private const string StatusItem = "ClientLink.Status";

    public static void AddClientLinks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<ClientLinkOptions>(builder.Configuration.GetSection(ClientLinkOptions.Section));
        services.AddScoped<ClientLinks>();
        services.AddScoped<ClientLinkMessages>();
        services.AddTokenRedaction();

        // A token is unguessable, but a tight limit per address keeps anyone from trying, and keeps a shared link
        // from being hammered. Limits come from configuration so a load test can raise them.
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                // A body of our own, so the status-code page does not replace it with "Not found".
                await context.HttpContext.Response.WriteAsync("Too many requests. Please wait a minute and try again.", cancellationToken);
            };
            o.AddPolicy(RateLimitPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClientLinkOptions>>().Value.RateLimit;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = Math.Max(1, limits.PermitLimit),
                        Window = TimeSpan.FromSeconds(Math.Max(1, limits.WindowSeconds)),
                        QueueLimit = 0,
                    });
            });
        });
    }

    /// <summary>
    /// Headers for everything under /c/ and the reminders' opt-out links (/stop/), error pages included: the
    /// address carries a secret, so browsers must not pass it on (Referer), search engines must not index it, and
    /// no cache may keep a copy.
    /// </summary>
    public static void UseClientLinkHeaders(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(PathPrefix) || context.Request.Path.StartsWithSegments(Reminders.OptOutEndpoints.PathPrefix))
            {
                context.Response.OnStarting(static state =>
                {
                    var http = (HttpContext)state;
                    if (http.Items[StatusItem] is int status)
                    {
                        http.Response.StatusCode = status;
                    }

                    var headers = http.Response.Headers;
                    headers["Referrer-Policy"] = "no-referrer";
                    headers["X-Robots-Tag"] = "noindex, nofollow";
                    headers.CacheControl = "no-store";
                    headers["X-Content-Type-Options"] = "nosniff";
                    headers.ContentSecurityPolicy = Infrastructure.SecurityHeaders.SecretPagePolicy;
                    return Task.CompletedTask;
                }, context);
            }

            await next(context);
        });

    /// <summary>
    /// The status the client's page answers with (404, 410), applied as the response starts. A Razor component that
    /// sets a 404 itself gets no body written (the framework leaves 404s to the status-code pages), and the
    /// client should read what to do next, not the staff app's generic "Not found".
    /// </summary>
    public static void AnswerWith(HttpContext context, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[StatusItem] = statusCode;
    }

    public static void MapClientLinkCalendar(this WebApplication app) =>
        app.MapGet(PathPrefix + "/{token}/calendar.ics", CalendarAsync).RequireRateLimiting(RateLimitPolicy);

    private static async Task<IResult> CalendarAsync(string token, Data.AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var resolved = await ClientLinks.ResolveAsync(db, token, now, cancellationToken);
        // Plain-text bodies: a calendar app shows them, and the status-code page does not replace them.
        if (resolved.IsExpired)
        {
            return Results.Text("This link has expired. Ask your clinic for a new one.", "text/plain", statusCode: StatusCodes.Status410Gone);
        }

        if (!resolved.IsActive)
        {
            return Results.Text("This link does not work. Ask your clinic for a new one.", "text/plain", statusCode: StatusCodes.Status404NotFound);
        }

        // Milestones from the clinic's today on: past ones would only clutter the client's calendar.
        var today = resolved.Clinic!.TimeZone.DateOf(now);
        var ics = CalendarFile.Write($"Aftercare · {resolved.Clinic.Name}", MilestoneCalendar.Events(resolved.Timeline!, resolved.Client!.Id, today), now);
        return Results.File(System.Text.Encoding.UTF8.GetBytes(ics), CalendarFile.MediaType + "; charset=utf-8", "aftercare.ics");
    }
}
