using System.Net;
using System.Text;
using System.Text.RegularExpressions;
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

    private static string TokenOf(StaffBrowser.Page page)
    {
        var url = page.Document.QuerySelector("#client-link-url")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No new link on the page: " + page.Text);
        return LinkToken().Match(url) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException(url);
    }

    [Fact]
    public async Task Create_FromTheClientPage_ShowsTheLinkOnceAndStoresOnlyItsHash()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        using var staff = await _app.SignedInAs(clinic.Reception);

        var created = await staff.SubmitAsync($"/clients/{client.Id}", "client-link-create");

        Assert.Equal(HttpStatusCode.OK, created.Status);
        var token = TokenOf(created);
        Assert.StartsWith("http://localhost/c/", created.Document.QuerySelector("#client-link-url")!.GetAttribute("value"), StringComparison.Ordinal);
        Assert.Contains("1 working link", created.Text);
        Assert.Contains("Works until Sunday, 14 June 2026", created.Text); // last milestone 16 Mar + 90 days
        Assert.Equal(HttpStatusCode.OK, (await _app.Anonymous().GetAsync($"/c/{token}")).StatusCode);

        var row = await _app.WithDbAsync(db => db.ClientLinks.IgnoreQueryFilters().SingleAsync());
        Assert.Equal(ClientLinkToken.Hash(token), row.TokenHash);
        Assert.Equal(clinic.Id, row.ClinicId);
        Assert.Equal(clinic.Reception.FullName, row.CreatedBy);
        var actions = await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Select(a => a.Action).ToListAsync());
        Assert.Contains(ClientLinkAuditActions.Created, actions);

        // Shown once: the next visit to the client page has no link to copy.
        var later = await staff.GetAsync($"/clients/{client.Id}");
        Assert.Null(later.Document.QuerySelector("#client-link-url"));
        Assert.DoesNotContain(token, later.Body, StringComparison.Ordinal);

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
    public async Task Replace_StopsTheOldLinkAndStartsANewOne()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        var old = await _app.LinkAsync(clinic, client.Id);
        using var staff = await _app.SignedInAs(clinic.Technician);

        var replaced = await staff.SubmitAsync($"/clients/{client.Id}", "client-link-create");

        var http = _app.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/c/{old}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/c/{TokenOf(replaced)}")).StatusCode);
        Assert.Contains(ClientLinkAuditActions.Replaced, await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task Revoke_StopsEveryLinkAtOnce()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        var first = await _app.LinkAsync(clinic, client.Id);
        var second = await _app.LinkAsync(clinic, client.Id);
        var http = _app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/c/{first}")).StatusCode);
        using var staff = await _app.SignedInAs(clinic.Owner);

        var page = await staff.SubmitAsync($"/clients/{client.Id}", "client-link-revoke");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("No working link", page.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/c/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/c/{second}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/c/{second}/calendar.ics")).StatusCode);
        Assert.Contains(ClientLinkAuditActions.Revoked, await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Select(a => a.Action).ToListAsync()));
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
    public async Task Service_CreateOrReplace_ReturnsAnAbsoluteUrlFromConfigurationOutsideARequest()
    {
        using var app = new ClientLinkAppFactory(new Dictionary<string, string?> { ["PublicBaseUrl"] = "https://aftercare.example.com/" }, postgres: postgres);
        var clinic = await app.SeedClinicAsync();
        var client = await app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        var earlier = await app.LinkAsync(clinic, client.Id);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
        var row = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == client.Id);
        var url = await scope.ServiceProvider.GetRequiredService<ClientLinks>().CreateOrReplaceAsync(db, row, app.Clock.GetUtcNow().UtcDateTime);

        Assert.Matches("^https://aftercare.example.com/c/[A-Za-z0-9_-]{43}$", url);
        var http = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(url).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/c/{earlier}")).StatusCode);
        Assert.Equal("system", await app.WithDbAsync(d => d.ClientLinks.IgnoreQueryFilters().Where(l => l.RevokedAtUtc == null).Select(l => l.CreatedBy).SingleAsync()));
    }

    [Fact]
    public async Task Service_Issue_KeepsTheClientsOtherLinksWorking()
    {
        using var app = new ClientLinkAppFactory(new Dictionary<string, string?> { ["PublicBaseUrl"] = "https://aftercare.example.com" }, postgres: postgres);
        var clinic = await app.SeedClinicAsync();
        var client = await app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        var earlier = await app.LinkAsync(clinic, client.Id);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
        var links = scope.ServiceProvider.GetRequiredService<ClientLinks>();
        var url = await links.IssueAsync(db, await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == client.Id), app.Clock.GetUtcNow().UtcDateTime);

        var http = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(url).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/c/{earlier}")).StatusCode);
    }

    public void Dispose() => _app.Dispose();

    [GeneratedRegex("/c/([A-Za-z0-9_-]+)$")]
    private static partial Regex LinkToken();
}
