using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Clients;

namespace SmpAftercare.Web.Tests.Infrastructure;

/// <summary>The client list's query as its interactive grid runs it: a context for the signed-in clinic.</summary>
public static class ClientSearchCalls
{
    public static async Task<ClientResults> SearchClientsAsync(this AppFactory app, Guid clinicId, ClientQuery query)
    {
        var options = app.Services.GetRequiredService<DbContextOptions<AppDbContext>>();
        await using var db = new AppDbContext(options, new FixedClinic(clinicId));
        var clinic = await db.Clinics.AsNoTracking().SingleAsync();
        return await ClientDirectory.SearchAsync(db, clinic, query, app.Clock.GetUtcNow());
    }

    private sealed class FixedClinic(Guid id) : ICurrentClinic
    {
        public Guid? ClinicId => id;
    }
}
