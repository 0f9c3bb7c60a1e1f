using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Account;

/// <summary>
/// When the clinic requires two-factor sign-in, a staff member without it reaches only the set-up page (and the
/// other account pages) until it is done. Whether they have it comes from the cookie; whether the clinic requires
/// it is read for them only, so an owner's new requirement applies from their next page load.
/// </summary>
public static class TwoFactorRequirement
{
    public const string SetupPath = "/account/two-factor";

    /// <summary>Pages a person must still reach: account pages, public client pages, error pages.</summary>
    private static readonly string[] Open = ["/account", "/c", "/stop", "/not-found", "/error"];

    public static IApplicationBuilder UseTwoFactorRequirement(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        var path = context.Request.Path;
        if (user.Identity?.IsAuthenticated == true
            && Guid.TryParse(user.FindFirst(StaffClaims.ClinicId)?.Value, out var clinicId)
            && !user.HasClaim(StaffClaims.TwoFactorOn, "true")
            // Pages only: static files, the API and the circuit's hub are not what the requirement is about.
            && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
            && !Open.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            && await context.RequestServices.GetRequiredService<AppDbContext>().Clinics.IgnoreQueryFilters()
                .AnyAsync(c => c.Id == clinicId && c.RequireTwoFactor, context.RequestAborted))
        {
            context.Response.Redirect($"{SetupPath}?required=true");
            return;
        }

        await next();
    });
}
