using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Infrastructure.Staff;

/// <summary>
/// Who is using an interactive page, read from the authentication state (a circuit has no dependable
/// HttpContext). Scoped: one per circuit, or per request when a page is rendered statically.
/// </summary>
public sealed class CurrentStaff(AuthenticationStateProvider authentication)
{
    /// <summary>The signed-in staff member, or null when the state no longer holds one (signed out, switched off).</summary>
    public async Task<StaffMember?> FindAsync() => StaffMember.From((await authentication.GetAuthenticationStateAsync()).User);

    public async Task<StaffMember> GetAsync() =>
        await FindAsync() ?? throw new InvalidOperationException("No signed-in staff member.");
}

/// <summary>
/// Makes a short-lived AppDbContext per operation for interactive components (EF Core's Blazor Server guidance),
/// with the tenant fixed to the clinic of the circuit's user. A context made before the authentication state
/// is known, or after it was withdrawn, has no clinic and so sees no clinic's data.
/// </summary>
public sealed class StaffDbContextFactory(DbContextOptions<AppDbContext> options, AuthenticationStateProvider authentication, IServiceProvider services)
    : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => new(options, new FixedClinic(ClinicId()));

    private Guid? ClinicId()
    {
        Task<AuthenticationState> state;
        try
        {
            state = authentication.GetAuthenticationStateAsync();
        }
        catch (InvalidOperationException)
        {
            // A static page's component outside Blazor's rendering (no authentication state set): the request's clinic.
            return services.GetService<ICurrentClinic>()?.ClinicId;
        }

        // The server's providers hold a completed task; an unfinished one is treated as "nobody" rather than waited on.
        return state.IsCompletedSuccessfully ? StaffMember.From(state.Result.User)?.ClinicId : null;
    }

    private sealed class FixedClinic(Guid? clinicId) : ICurrentClinic
    {
        public Guid? ClinicId => clinicId;
    }
}
