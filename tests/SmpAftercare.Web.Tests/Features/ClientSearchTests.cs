using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Web.Features.Clients;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

/// <summary>
/// The staff search on each database: from three characters on it is answered by a trigram index (FTS5 on SQLite,
/// pg_trgm on PostgreSQL), below that row by row, and both must find what a person expects (docs/decisions/0018).
/// </summary>
public abstract class ClientSearchTests(PostgresServer? postgres) : IAsyncLifetime, IDisposable
{
    private readonly AppFactory _app = new(postgres);
    private TestClinic _clinic = default!;

    public async Task InitializeAsync()
    {
        _clinic = await _app.SeedClinicAsync();
        await _app.Client(_clinic).Named("Niamh O'Brien").WithContact("niamh.obrien@example.ie", "+353851234567").SaveAsync();
        await _app.Client(_clinic).Named("Priya Smith").WithContact("priya@example.com", "+447700900111").SaveAsync();
        await _app.Client(_clinic).Named("Tom Smithers").WithContact("tom@example.org", "+447700900222").SaveAsync();
        await _app.Client(_clinic).Named("Zoë Ångström").WithContact("zoe@example.se", null).SaveAsync();
        var archived = await _app.Client(_clinic).Named("Kim Smithson").WithContact("kim@example.org", null).SaveAsync();
        await _app.WithDbAsync(async db =>
        {
            (await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == archived.Id)).Archive(_app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        var other = await _app.SeedClinicAsync("Elsewhere SMP");
        await _app.Client(other).Named("Sam Smith Elsewhere").WithContact("sam@example.org", "+447700900333").SaveAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    private async Task<string> FoundAsync(string text, bool archived = false) =>
        string.Join("|", (await _app.SearchClientsAsync(_clinic.Id, new ClientQuery(text, Archived: archived))).Rows.Select(r => r.FullName));

    [Theory]
    [InlineData("smith", "Priya Smith|Tom Smithers")]
    [InlineData("SMITH", "Priya Smith|Tom Smithers")]
    [InlineData("mithe", "Tom Smithers")]
    [InlineData("sm", "Priya Smith|Tom Smithers")]
    [InlineData("ÅN", "Zoë Ångström")]
    [InlineData("ER", "Tom Smithers")]
    [InlineData("11", "Priya Smith")]
    [InlineData("o'b", "Niamh O'Brien")]
    [InlineData("O'BRIEN", "Niamh O'Brien")]
    [InlineData("ngstr", "Zoë Ångström")]
    [InlineData("Zoë", "Zoë Ångström")]
    [InlineData("ö", "Zoë Ångström")]
    [InlineData("Å", "Zoë Ångström")]
    [InlineData("EXAMPLE.ORG", "Tom Smithers")]
    [InlineData("obrien@", "Niamh O'Brien")]
    [InlineData("07700 900222", "Tom Smithers")]
    [InlineData("+44 7700 900111", "Priya Smith")]
    [InlineData("0222", "Tom Smithers")]
    [InlineData("085 123", "Niamh O'Brien")]
    [InlineData("h O", "Niamh O'Brien")]
    public async Task Finds_TheTextAnywhereInNameOrEmail_OrItsDigitsInThePhone_IgnoringCase(string text, string expected) =>
        Assert.Equal(expected, await FoundAsync(text));

    [Theory]
    [InlineData("\"")]
    [InlineData("smith*")]
    [InlineData("smith OR tom")]
    [InlineData("NEAR(smith tom)")]
    [InlineData("name:smith")]
    [InlineData("^smi")]
    [InlineData("zq\\")]
    [InlineData("zzq")]
    [InlineData("smith\npriya")]
    [InlineData("smith priya")]
    public async Task SearchSyntaxIsNotInterpreted_TheTextIsLookedForAsTyped(string text) =>
        Assert.Equal(string.Empty, await FoundAsync(text));

    [Fact]
    public async Task ArchivedClients_AreFoundOnlyInTheArchive_AndOtherClinicsNever()
    {
        Assert.Equal("Kim Smithson", await FoundAsync("smith", archived: true));
        Assert.Equal("Kim Smithson", await FoundAsync("sm", archived: true));
        Assert.Equal(string.Empty, await FoundAsync("elsewhere"));
        Assert.Equal(string.Empty, await FoundAsync("900333"));
    }

    [Fact]
    public async Task ChangedNameEmailOrPhone_IsFoundByTheNewOneOnly()
    {
        var client = await _app.Client(_clinic).Named("Robin Oldname").WithContact("robin@old.example", "+447700900444").SaveAsync();
        await _app.WithDbAsync(async db =>
        {
            var row = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == client.Id);
            row.Update(new ClientDetails("Robin Newname", "robin@new.example", "+447700900555", ContactChannel.Email, true, true, null, null, false, null), "GB");
            return await db.SaveChangesAsync();
        });

        Assert.Equal(string.Empty, await FoundAsync("oldname"));
        Assert.Equal(string.Empty, await FoundAsync("ld"));
        Assert.Equal("Robin Newname", await FoundAsync("wn"));
        Assert.Equal(string.Empty, await FoundAsync("old.example"));
        Assert.Equal(string.Empty, await FoundAsync("900444"));
        Assert.Equal("Robin Newname", await FoundAsync("newname"));
        Assert.Equal("Robin Newname", await FoundAsync("new.example"));
        Assert.Equal("Robin Newname", await FoundAsync("07700 900555"));
    }

    [Fact]
    public async Task ManyMatches_AreCountedUpToTheCap_ThePagesAfterItStillOpen()
    {
        await _app.WithDbAsync(async db =>
        {
            for (var i = 0; i < ClientSearch.CountCap + 30; i++)
            {
                db.Clients.Add(Client.Create(_clinic.Id, new ClientDetails($"Capped {i:D4}", null, null, ContactChannel.None, false, false, null, null, false, null), "GB",
                    _app.Clock.GetUtcNow().UtcDateTime));
            }

            return await db.SaveChangesAsync();
        });

        var first = await _app.SearchClientsAsync(_clinic.Id, new ClientQuery("capped"));
        Assert.Equal((ClientSearch.CountCap + 1, true), (first.Total, first.More));
        Assert.Equal("Capped 0000", first.Rows[0].FullName);
        Assert.Equal(ClientQuery.DefaultPageSize, first.Rows.Count);

        // Asked for a page near the end, the count reaches past it: here that is all of them, counted exactly.
        var later = await _app.SearchClientsAsync(_clinic.Id, new ClientQuery("capped", Page: 40));
        Assert.Equal((ClientSearch.CountCap + 30, false), (later.Total, later.More));
        Assert.Equal(["Capped 1000", "Capped 1001"], later.Rows.Take(2).Select(r => r.FullName));

        // Two letters: the count stops a page past the one shown, and the list still starts in name order.
        var twoLetters = await _app.SearchClientsAsync(_clinic.Id, new ClientQuery("Ca"));
        Assert.Equal((2 * ClientQuery.DefaultPageSize + 1, true), (twoLetters.Total, twoLetters.More));
        Assert.Equal("Capped 0000", twoLetters.Rows[0].FullName);

        var few = await _app.SearchClientsAsync(_clinic.Id, new ClientQuery("capped 101"));
        Assert.Equal((10, false), (few.Total, few.More));
    }
}
