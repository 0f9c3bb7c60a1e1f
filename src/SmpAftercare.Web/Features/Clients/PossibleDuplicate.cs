using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Clients;

/// <summary>An existing client with the same name and the same email or phone: probably the same person typed in twice.</summary>
public sealed record PossibleDuplicate(Guid Id, string FullName, string? Email, string? Phone)
{
    public static async Task<List<PossibleDuplicate>> FindAsync(AppDbContext db, string fullName, string? email, string? phoneE164, CancellationToken cancellationToken = default)
    {
        var name = Exact(fullName.Trim());
        var mail = string.IsNullOrWhiteSpace(email) ? null : Exact(email.Trim());
        if (mail is null && phoneE164 is null)
        {
            return [];
        }

        return await db.Clients.AsNoTracking()
            // LIKE without wildcards: an equality that ignores case ("jordan blake" is Jordan Blake).
            .Where(c => EF.Functions.Like(c.FullName, name, "\\") && ((mail != null && EF.Functions.Like(c.Email!, mail, "\\")) || (phoneE164 != null && c.Phone == phoneE164)))
            .OrderBy(c => c.FullName)
            .Select(c => new PossibleDuplicate(c.Id, c.FullName, c.Email, c.Phone))
            .Take(5)
            .ToListAsync(cancellationToken);
    }

    private static string Exact(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
