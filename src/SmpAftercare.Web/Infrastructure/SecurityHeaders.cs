namespace SmpAftercare.Web.Infrastructure;

/// <summary>
/// Response headers every page gets, and the app's Content-Security-Policies in one place (docs/security.md).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Staff pages, sign-in and the printed sheet. Written for Blazor Server with MudBlazor: scripts only from this
    /// app, inline styles allowed because MudBlazor sets style attributes, the circuit's websocket to the same origin.
    /// </summary>
    public const string StaffPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; " +
        "font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>
    /// The public pages behind a secret address (/c/, /stop/): static, no circuit, no inline styles, so the
    /// strictest policy that still shows them.
    /// </summary>
    public const string SecretPagePolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Adds the headers as each response starts, unless a more specific part of the app set its own.</summary>
    public static void UseSecurityHeaders(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpContext)state).Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                // Links out of the app carry the origin at most, never a path (paths hold client ids and tokens).
                headers.TryAdd("Referrer-Policy", "strict-origin-when-cross-origin");
                headers.TryAdd("Content-Security-Policy", StaffPolicy);
                headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
                headers.TryAdd("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
                return Task.CompletedTask;
            }, context);
            await next(context);
        });

    /// <summary>For pages with health data or a live secret link: no browser or proxy may keep a copy.</summary>
    public static void NoStore(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
    }

    /// <summary>The web server's name and version help nobody but someone looking for a known hole.</summary>
    public static void HideServerName(this WebApplicationBuilder builder) =>
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
}
