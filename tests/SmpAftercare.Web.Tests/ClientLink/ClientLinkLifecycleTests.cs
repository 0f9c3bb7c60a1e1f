using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Data;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Web.Features.ClientLink;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.ClientLink;

/// <summary>Making, replacing, revoking and expiring links. The clock starts at Mon 2 Mar 2026 10:00 in London.</summary>
public abstract partial class ClientLinkLifecycleTests(PostgresServer? postgres) : IDisposable
{
    private readonly ClientLinkAppFactory _app = new(postgres: postgres);

    private static string TokenOf(string url) =>
        LinkToken().Match(url) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException(url);

    private static string SheetUrl(StaffBrowser.Page sheet) =>
        sheet.Document.QuerySelector(".sheet-url")?.TextContent.Trim() ?? throw new InvalidOperationException("No link on the sheet: " + sheet.Text);

    private Task<List<Domain.Clients.ClientLink>> WorkingLinksAsync(Guid clientId) =>
        _app.WithDbAsync(db => db.ClientLinks.IgnoreQueryFilters().Where(l => l.ClientId == clientId && l.RevokedAtUtc == null).ToListAsync());

    [Fact]
    public async Task PrintingTwiceAndTheClientPage_ShareOneWorkingLink_StoredEncryptedNeverPlain()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        using var staff = await _app.SignedInAs(clinic.Technician);

        var first = SheetUrl(await staff.GetAsync($"/sessions/{client.SessionIds[0]}/print"));
        var second = SheetUrl(await staff.GetAsync($"/sessions/{client.SessionIds[0]}/print"));
        var page = await staff.GetAsync($"/clients/{client.Id}");

        Assert.Equal(first, second);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(first, page.Document.QuerySelector("#client-link-url")?.GetAttribute("value"));
        Assert.Contains("Works until Sunday, 14 June 2026", page.Text); // last milestone 16 Mar + 90 days
        var token = TokenOf(first);
        Assert.Equal(HttpStatusCode.OK, (await _app.Anonymous().GetAsync($"/c/{token}")).StatusCode);
        var row = Assert.Single(await WorkingLinksAsync(client.Id));
        Assert.Equal(1, await _app.WithDbAsync(db => db.ClientLinks.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(ClientLinkToken.Hash(token), row.TokenHash);
        Assert.Equal(clinic.Technician.FullName, row.CreatedBy);
        // Kept encrypted with the app's keys: readable by the app, not the same text as the token.
        Assert.NotNull(row.ProtectedToken);
        Assert.DoesNotContain(token, row.ProtectedToken, StringComparison.Ordinal);
        Assert.Equal(token, ClientLinks.Protector(_app.Services.GetRequiredService<IDataProtectionProvider>()).Unprotect(row.ProtectedToken));
        // Made once, audited once.
        Assert.Single(await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.Action == ClientLinkAuditActions.Created).ToListAsync()));

        // The token itself is nowhere in the database: not in SQLite's files, not in any text column on PostgreSQL.
        if (_app.Provider == DatabaseProvider.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(_app.DataDirectory, "app.db*"))
            {
                Assert.DoesNotContain(token, Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
            }
        }
        else
        {
            Assert.Empty(await PostgresColumnsContainingAsync(token));
        }
    }

    [Fact]
    public async Task TwoRequestsAtOnce_GetTheSameCurrentLink_AndTheDatabaseRefusesASecond()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();

        async Task<string> CurrentAsync()
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
            var links = scope.ServiceProvider.GetRequiredService<ClientLinks>();
            var row = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == client.Id);
            return (await links.CurrentAsync(db, row, _app.Clock.GetUtcNow().UtcDateTime, links.FromRequest())).Url!;
        }

        var urls = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(CurrentAsync)));

        Assert.Single(urls.Distinct());
        Assert.Single(await WorkingLinksAsync(client.Id));
        // Straight to the database, past the service: a second current link of the same client is refused.
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => _app.LinkAsync(clinic, client.Id));
        Assert.True(Web.Features.Sessions.SessionBook.IsUniqueViolation(refused));
    }

    [Fact]
    public async Task UpgradedClient_OlderLinksKeepWorking_PrintingAddsOneCurrentLink_ReplaceStopsThemAll()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        var older = new[] { await _app.OlderLinkAsync(clinic, client.Id), await _app.OlderLinkAsync(clinic, client.Id) };
        using var staff = await _app.SignedInAs(clinic.Owner);
        var http = _app.Anonymous();

        var sheet = SheetUrl(await staff.GetAsync($"/sessions/{client.SessionIds[0]}/print"));
        var page = await staff.GetAsync($"/clients/{client.Id}");

        Assert.All(older, t => Assert.Equal(HttpStatusCode.OK, http.GetAsync($"/c/{t}").Result.StatusCode));
        Assert.Equal(sheet, page.Document.QuerySelector("#client-link-url")?.GetAttribute("value"));
        Assert.Contains("2 older links from before links could be shown again still work", page.Text);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
            var links = scope.ServiceProvider.GetRequiredService<ClientLinks>();
            var row = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == client.Id);
            var replaced = await links.ReplaceAsync(db, row, _app.Clock.GetUtcNow().UtcDateTime, links.FromRequest());
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(replaced!.Url!).AbsolutePath)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(sheet).AbsolutePath)).StatusCode);
        Assert.All(older, t => Assert.Equal(HttpStatusCode.NotFound, http.GetAsync($"/c/{t}").Result.StatusCode));
        Assert.Single(await WorkingLinksAsync(client.Id));
    }

    [Fact]
    public async Task OtherClinic_WithThisClinicsClientId_GetsNotFound_AndNothingChanges()
    {
        var clinic = await _app.SeedClinicAsync();
        var other = await _app.SeedClinicAsync("Southside SMP");
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        var token = await _app.LinkAsync(clinic, client.Id);
        using var stranger = await _app.SignedInAs(other.Owner);
        var before = await _app.WithDbAsync(db => db.ClientLinks.IgnoreQueryFilters().OrderBy(l => l.Id).Select(l => new { l.Id, l.RevokedAtUtc }).ToListAsync());
        var auditBefore = await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.ClientId == client.Id));

        var page = await stranger.GetAsync($"/clients/{client.Id}");
        var sheet = await stranger.GetAsync($"/sessions/{client.SessionIds[0]}/print");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain(token, page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(client.FullName, page.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, sheet.Status);
        Assert.Equal(JsonSerializer.Serialize(before),
            JsonSerializer.Serialize(await _app.WithDbAsync(db => db.ClientLinks.IgnoreQueryFilters().OrderBy(l => l.Id).Select(l => new { l.Id, l.RevokedAtUtc }).ToListAsync())));
        Assert.Equal(auditBefore, await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.ClientId == client.Id)));
        Assert.Equal(HttpStatusCode.OK, (await _app.Anonymous().GetAsync($"/c/{token}")).StatusCode);
    }

    private async Task<List<string>> PostgresColumnsContainingAsync(string text)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_app.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var list = new Npgsql.NpgsqlCommand(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            await using var search = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE strpos(\"{column}\", @text) > 0", connection);
            search.Parameters.AddWithValue("text", text);
            if ((long)(await search.ExecuteScalarAsync())! > 0)
            {
                found.Add($"{table}.{column}");
            }
        }

        return found;
    }

    [Fact]
    public async Task RevokeAll_StopsTheCurrentLinkAndOlderOnesAtOnce()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        var tokens = new[] { await _app.LinkAsync(clinic, client.Id), await _app.OlderLinkAsync(clinic, client.Id) };
        var http = _app.Anonymous();
        Assert.All(tokens, t => Assert.Equal(HttpStatusCode.OK, http.GetAsync($"/c/{t}").Result.StatusCode));

        var revoked = await _app.WithDbAsync(async db =>
            await ClientLinks.RevokeAllAsync(db, await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == client.Id), _app.Clock.GetUtcNow().UtcDateTime));

        Assert.Equal(2, revoked);
        Assert.All(tokens, t => Assert.Equal(HttpStatusCode.NotFound, http.GetAsync($"/c/{t}").Result.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/c/{tokens[0]}/calendar.ics")).StatusCode);
    }

    [Fact]
    public async Task Expiry_LinkGoesAwayValidityDaysAfterTheLastMilestone()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        var token = await _app.LinkAsync(clinic, client.Id);
        var http = _app.Anonymous();

        // Last milestone: swimming and sauna on Mon 16 Mar; 90 days later is Sun 14 Jun.
        _app.Clock.Set(new DateTimeOffset(2026, 6, 14, 22, 59, 0, TimeSpan.Zero)); // 23:59 in London (BST)
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/c/{token}")).StatusCode);

        _app.Clock.Set(new DateTimeOffset(2026, 6, 14, 23, 0, 0, TimeSpan.Zero)); // midnight: 15 Jun in London
        var gone = await http.GetAsync($"/c/{token}");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        var body = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await gone.Content.ReadAsStringAsync()).Body!.TextContent;
        Assert.Contains("This link has expired", body, StringComparison.Ordinal);
        Assert.Contains("ended on Monday 16 March", body, StringComparison.Ordinal);
        Assert.Contains("Call +44 20 7946 0000", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await http.GetAsync($"/c/{token}/calendar.ics")).StatusCode);
    }

    [Fact]
    public async Task Expiry_FollowsTheClinicSetting()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        var token = await _app.LinkAsync(clinic, client.Id);
        await _app.WithDbAsync(async db =>
        {
            (await db.Clinics.IgnoreQueryFilters().SingleAsync()).ChangeLinkValidity(10);
            return await db.SaveChangesAsync();
        });

        _app.Clock.Set(new DateTimeOffset(2026, 3, 26, 12, 0, 0, TimeSpan.Zero)); // 16 Mar + 10 days
        Assert.Equal(HttpStatusCode.OK, (await _app.Anonymous().GetAsync($"/c/{token}")).StatusCode);
        _app.Clock.Set(new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.Gone, (await _app.Anonymous().GetAsync($"/c/{token}")).StatusCode);
    }

    [Fact]
    public async Task Expiry_ANewSessionExtendsTheLink()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        var token = await _app.LinkAsync(clinic, client.Id);
        _app.Clock.Set(new DateTimeOffset(2026, 6, 20, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.Gone, (await _app.Anonymous().GetAsync($"/c/{token}")).StatusCode);

        // A touch-up session: the expiry is computed on each request, so the same link works again.
        var logged = await _app.LogAsync(clinic, clinic.Technician, client.Id, "2026-06-20 09:00");
        Assert.IsType<Web.Features.Sessions.SessionOutcome.Saved>(logged.Outcome);

        Assert.Equal(HttpStatusCode.OK, (await _app.Anonymous().GetAsync($"/c/{token}")).StatusCode);
    }

    [Fact]
    public async Task Service_Replace_ReturnsAnAbsoluteUrlFromConfigurationOutsideARequest()
    {
        using var app = new ClientLinkAppFactory(new Dictionary<string, string?> { ["PublicBaseUrl"] = "https://aftercare.example.com/" }, postgres: postgres);
        var clinic = await app.SeedClinicAsync();
        var client = await app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        var earlier = await app.LinkAsync(clinic, client.Id);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
        var links = scope.ServiceProvider.GetRequiredService<ClientLinks>();
        var row = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == client.Id);
        var url = (await links.ReplaceAsync(db, row, app.Clock.GetUtcNow().UtcDateTime, links.FromRequest()))!.Url!;

        Assert.Matches("^https://aftercare.example.com/c/[A-Za-z0-9_-]{43}$", url);
        var http = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(url).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/c/{earlier}")).StatusCode);
        Assert.Equal("system", await app.WithDbAsync(d => d.ClientLinks.IgnoreQueryFilters().Where(l => l.RevokedAtUtc == null).Select(l => l.CreatedBy).SingleAsync()));
    }

    public void Dispose() => _app.Dispose();

    [GeneratedRegex("/c/([A-Za-z0-9_-]+)$")]
    private static partial Regex LinkToken();
}
