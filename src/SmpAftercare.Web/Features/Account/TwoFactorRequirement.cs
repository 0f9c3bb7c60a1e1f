using SmpAftercare.Web.Data;

namespace SmpAftercare.Web.Features.Account;

/// <summary>
/// When the clinic requires two-factor sign-in, a staff member without it reaches only the set-up page (and the
/// other account pages) until it is done. The claim comes from the cookie (StaffClaimsFactory).
/// </summary>
public static class TwoFactorRequirement
{
    public const string SetupPath = "/account/two-factor";

    /// <summary>Pages and endpoints a person must still reach: account pages, the circuit, public client pages, the API.</summary>
    private static readonly string[] Open = ["/account", "/_blazor", "/_framework", "/_content", "/api", "/c/", "/stop", "/not-found", "/error"];

    public static IApplicationBuilder UseTwoFactorRequirement(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (context.User.HasClaim(StaffClaims.TwoFactorSetupNeeded, "true")
            && !Open.Any(prefix => path.StartsWithSegments(prefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect($"{SetupPath}?required=true");
            return;
        }

        await next();
    });
}
