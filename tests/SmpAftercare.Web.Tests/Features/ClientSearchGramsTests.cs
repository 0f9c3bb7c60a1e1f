using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

/// <summary>
/// SQLite's table of one- and two-character pieces (docs/decisions/0022) is kept by triggers: a stale or missing
/// piece would not show in results (LIKE decides), so this looks at the table itself. PostgreSQL keeps the same
/// pieces in an expression index, which the database maintains.
/// </summary>
public sealed class ClientSearchGramsTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ThePieces_FollowEachClientsNameEmailAndPhone_AndLeaveWithTheClient()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).Named("Robin Oldname").WithContact("robin@old.example", "+447700900444").SaveAsync();
        Assert.Equal("44|ol", await PiecesAsync(client.Id));

        await _app.WithDbAsync(async db =>
        {
            var row = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == client.Id);
            row.Update(new ClientDetails("Robin Newname", "robin@new.example", "+447700900555", ContactChannel.Email, true, true, null, null, false, null), "GB");
            return await db.SaveChangesAsync();
        });
        Assert.Equal("44|55|ew", await PiecesAsync(client.Id));

        var before = await CountAsync(null);
        var own = await CountAsync(client.Id);
        await _app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().Where(c => c.Id == client.Id).ExecuteDeleteAsync());
        Assert.True(own > 20, $"a client has dozens of pieces, found {own}");
        Assert.Equal(before - own, await CountAsync(null));
    }

    /// <summary>Which of a few telling pieces the client has: "ol" (old name), "ew" (new), "44" (both phones), "55" (new phone), "q" (none).</summary>
    private Task<string> PiecesAsync(Guid clientId) => _app.WithDbAsync(db => db.Database.SqlQuery<string>($"""
        SELECT coalesce(group_concat(g."Gram", '|'), '') AS "Value" FROM (
            SELECT "Gram" FROM "ClientSearchGrams" WHERE "ClientRowid" = (SELECT rowid FROM "Clients" WHERE "Id" = {clientId})
              AND "Gram" IN ('ol', 'ew', '44', '55', 'q') ORDER BY "Gram") AS g
        """).SingleAsync());

    private Task<int> CountAsync(Guid? clientId) => _app.WithDbAsync(db => clientId is { } id
        ? db.Database.SqlQuery<int>($"""SELECT count(*) AS "Value" FROM "ClientSearchGrams" WHERE "ClientRowid" = (SELECT rowid FROM "Clients" WHERE "Id" = {id})""").SingleAsync()
        : db.Database.SqlQuery<int>($"""SELECT count(*) AS "Value" FROM "ClientSearchGrams" """).SingleAsync());
}
