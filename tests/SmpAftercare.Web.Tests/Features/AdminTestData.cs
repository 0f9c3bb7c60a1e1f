using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Data;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

/// <summary>Rows the admin pages read, written straight to the database (the pages that write them are tested elsewhere).</summary>
internal static class AdminTestData
{
    public static async Task<Guid> AddClientAsync(this AppFactory app, TestClinic clinic, string name, Guid? sessionUnderVersion = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var client = Client.Create(clinic.Id, new ClientDetails(name, null, null, ContactChannel.None, false, false, null, null, false, null), "GB", now);
        db.Clients.Add(client);
        if (sessionUnderVersion is { } versionId)
        {
            db.Sessions.Add(TreatmentSession.Log(client, versionId,
                new SessionDetails(app.Clock.GetUtcNow(), clinic.Technician.Id, clinic.Technician.FullName, false, null, null, null, null), [], now));
        }

        await db.SaveChangesAsync();
        return client.Id;
    }

    public static async Task AddAuditAsync(this AppFactory app, TestClinic clinic, TestStaff by, string action, Guid? clientId, DateTime atUtc, string? details = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.AuditEntries.Add(AuditEntry.Record(clinic.Id, by.Id, by.FullName, action, clientId, details, atUtc));
        await db.SaveChangesAsync();
    }
}
