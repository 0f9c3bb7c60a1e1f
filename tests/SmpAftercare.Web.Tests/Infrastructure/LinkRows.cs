using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Web.Features.ClientLink;

namespace SmpAftercare.Web.Tests.Infrastructure;

/// <summary>Personal link rows written straight to the database, as the app writes them.</summary>
public sealed class LinkRows(AppFactory app)
{
    /// <param name="older">As the release before current links wrote it: the hash only, so a client may hold several.</param>
    /// <returns>The token.</returns>
    public async Task<string> AddAsync(Guid clinicId, Guid clientId, bool older = false, DateTime? madeAtUtc = null)
    {
        var token = ClientLinkToken.New();
        var protector = ClientLinks.Protector(app.Services.GetRequiredService<IDataProtectionProvider>());
        await app.WithDbAsync(async db =>
        {
            var link = Domain.Clients.ClientLink.Create(ClientLinkToken.Hash(token), protector.Protect(token), clientId, clinicId,
                older ? "earlier release" : "test", madeAtUtc ?? app.Clock.GetUtcNow().UtcDateTime);
            db.ClientLinks.Add(link);
            if (older)
            {
                db.Entry(link).Property(l => l.ProtectedToken).CurrentValue = null;
            }

            return await db.SaveChangesAsync();
        });
        return token;
    }
}
