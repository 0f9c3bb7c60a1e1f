using System.Security.Claims;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Infrastructure;

/// <summary>Who is making the request, read from the authentication cookie's claims (never from form or URL).</summary>
public sealed class StaffContext(IHttpContextAccessor accessor) : ICurrentClinic
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public Guid? ClinicId =>
        User?.Identity?.IsAuthenticated == true && Guid.TryParse(User.FindFirstValue(StaffClaims.ClinicId), out var id) ? id : null;

    public string UserId => User?.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in staff member.");

    public string DisplayName => User?.FindFirstValue(StaffClaims.FullName) ?? User?.Identity?.Name ?? "unknown";

    public bool IsInRole(string role) => User?.IsInRole(role) == true;

    public Guid RequiredClinicId => ClinicId ?? throw new InvalidOperationException("No signed-in clinic.");
}
