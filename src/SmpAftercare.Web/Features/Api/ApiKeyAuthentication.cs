using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Api;

public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";

    /// <summary>Audit rows name the key as "apikey:&lt;id&gt;", so they never collide with a staff account's id.</summary>
    public const string UserIdPrefix = "apikey:";

    /// <summary>...and show it as "api:&lt;label&gt;".</summary>
    public const string UserNamePrefix = "api:";

    public const string KeyIdClaim = "smp:apikey";

    /// <summary>
    /// Names the scheme explicitly: the authorization middleware then authenticates with the key only and
    /// replaces the cookie's user, so a signed-in browser cannot call the API with its cookie. Staff pages use
    /// the default (cookie) scheme and never look at the Authorization header.
    /// </summary>
    public static AuthorizationPolicy Policy { get; } = new AuthorizationPolicyBuilder(Scheme)
        .RequireAuthenticatedUser()
        .RequireClaim(StaffClaims.ClinicId)
        .Build();
}

/// <summary>
/// Reads "Authorization: Bearer &lt;key&gt;" and, for a live key, signs the request in as the key's clinic:
/// the principal carries the same clinic claim as a staff cookie, so AppDbContext's tenant filter scopes every
/// query of the request to that clinic.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AppDbContext db,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Bearer = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header[Bearer.Length..].Trim();
        if (secret.Length == 0)
        {
            return AuthenticateResult.Fail("The bearer token is empty.");
        }

        var hash = ApiKey.HashOf(secret);
        // No clinic is known yet (this is what finds it), so the tenant filter would hide every key.
        var key = await db.ApiKeys.IgnoreQueryFilters().SingleOrDefaultAsync(k => k.Hash == hash, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is not known.");
        }

        if (key.IsRevoked)
        {
            return AuthenticateResult.Fail("The API key has been revoked.");
        }

        if (key.MarkUsed(clock.GetUtcNow().UtcDateTime))
        {
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, ApiKeyAuthentication.UserIdPrefix + key.Id.ToString("D", CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, ApiKeyAuthentication.UserNamePrefix + key.Label),
                new Claim(StaffClaims.FullName, ApiKeyAuthentication.UserNamePrefix + key.Label),
                new Claim(StaffClaims.ClinicId, key.ClinicId.ToString("D", CultureInfo.InvariantCulture)),
                new Claim(ApiKeyAuthentication.KeyIdClaim, key.Id.ToString("D", CultureInfo.InvariantCulture)),
            ],
            ApiKeyAuthentication.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyAuthentication.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        // RFC 6750: say it is a bearer scheme, and whether the token sent was bad or missing.
        Response.Headers.WWWAuthenticate = result.Failure is null
            ? "Bearer realm=\"SmpAftercare\""
            : "Bearer realm=\"SmpAftercare\", error=\"invalid_token\"";
        await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "An API key is needed",
                detail: result.Failure?.Message ?? "Send the clinic's API key as 'Authorization: Bearer <key>'. The clinic owner creates keys at /settings/api-keys.")
            .ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This key may not do that").ExecuteAsync(Context);
}
