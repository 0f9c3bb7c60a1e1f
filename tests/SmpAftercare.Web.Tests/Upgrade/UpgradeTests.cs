using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;
using SmpAftercare.Web.Tests.Api;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Upgrade;

/// <summary>
/// A database made by the November 2026 release (commit f011112, EF Core 6) opens with this build, migrates, and
/// keeps everything: every row of every table the release had (its columns; later migrations may add columns),
/// every staff account's password and every API key. release-2026-11.sql is that database dumped as SQL by
/// make-release-fixture.py (which says how it was made); it includes a client whose two sessions start at the same
/// instant, as the release let concurrent requests make.
/// </summary>
public sealed class UpgradeTests : IDisposable
{
    // Made by make-release-fixture.py for this fixture only.
    private const string Password = "Release-2026-Upgrade";

    private static readonly string[] StaffEmails =
    [
        "owner@northside.example.com", "technician@northside.example.com", "reception@northside.example.com",
        "owner@harbor.example.com", "technician@harbor.example.com", "reception@harbor.example.com",
    ];

    private static readonly string[] ApiKeys =
    [
        "smp_NFsed42h6erHwKKw_z8d5mPc8eUde_YbeXnp9oVT_b4",
        "smp_CSvrSO0muxa2QpuxbgFVy9fv1JSG1_nIakr1xC7Fe4o",
        "smp_8Hk7VDN1DB-h_oCJfLll85RRF-6uqyee5ela7KMSm9w",
        "smp_a0bS5Bu47OLfmKVXDrluahbGRiiwUz9Tcoru3DDvPkY",
    ];

    private readonly AppFactory _app = new();

    [Fact]
    public async Task TheNovemberReleasesDatabase_MigratesWithNothingLost_AndEveryAccountAndKeyStillWorks()
    {
        await using (var connection = Open())
        {
            await using var load = connection.CreateCommand();
            load.CommandText = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Upgrade", "release-2026-11.sql"));
            await load.ExecuteNonQueryAsync();
        }

        var before = await SnapshotAsync(columnsOf: null);
        Assert.True(before["Sessions"].Count >= 16, "the fixture has its sessions");
        Assert.Equal(2L, await ScalarAsync("""SELECT COUNT(*) FROM (SELECT 1 FROM "Sessions" GROUP BY "ClientId", "StartsAtUtc" HAVING COUNT(*) > 1)"""));
        _app.Clock.Set(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));

        _ = _app.Services; // starts the app: it migrates the database
        var after = await SnapshotAsync(columnsOf: before);

        Assert.Equal(["20261121002016_InitialCreate|6.0.7", "20261121003928_ClientSearchIndex|6.0.7"], before["__EFMigrationsHistory"]);
        Assert.Empty(await _app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
        foreach (var (table, rows) in before.Where(t => t.Key != "__EFMigrationsHistory"))
        {
            if (table == "AspNetRoles")
            {
                // The new release adds the installation's Operator role; every old role stays as it was.
                Assert.Empty(rows.Except(after[table]));
                Assert.All(after[table].Except(rows), added => Assert.Contains("Operator", added, StringComparison.Ordinal));
                continue;
            }

            Assert.True(after[table].SequenceEqual(rows), $"{table}: rows changed by the upgrade");
        }

        // The release's migrations count as applied (same ids), so only this build's are added.
        Assert.Equal(before["__EFMigrationsHistory"], after["__EFMigrationsHistory"].Take(2));
        Assert.True(after["__EFMigrationsHistory"].Count > 2);

        foreach (var email in StaffEmails)
        {
            using var staff = _app.Browser();
            await staff.SignInAsync(email, Password);
            var clients = await staff.GetAsync("/clients");
            // Signed in: the staff page answers instead of sending them to sign in (the rows were compared above).
            Assert.Equal(HttpStatusCode.OK, clients.Status);
            Assert.Null(clients.Location);
        }

        foreach (var key in ApiKeys)
        {
            var clinicId = await _app.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().Where(k => k.Hash == ApiKey.HashOf(key)).Select(k => k.ClinicId).SingleAsync());
            var client = await _app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().Where(c => c.ClinicId == clinicId && c.FullName.StartsWith("Jordan Lee")).SingleAsync());
            using var caller = ApiCaller.For(_app, key);

            var answer = await caller.GetAsync($"/api/v1/clients/{client.Id}");

            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Equal(client.FullName, answer.Json.GetProperty("fullName").GetString());
        }
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>
    /// Every table's rows as text, sorted (a rebuilt table need not keep row order). Given the snapshot from before
    /// the upgrade, reads only the columns the release had.
    /// </summary>
    private async Task<Dictionary<string, List<string>>> SnapshotAsync(Dictionary<string, List<string>>? columnsOf)
    {
        await using var connection = Open();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_sequence' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var snapshot = new Dictionary<string, List<string>>();
        foreach (var table in columnsOf?.Keys.ToList() ?? tables)
        {
            var columns = columnsOf is null ? await ColumnsAsync(connection, table) : _columns[table];
            _columns[table] = columns;
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i =>
                    reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            }

            rows.Sort(StringComparer.Ordinal);
            snapshot[table] = rows;
        }

        return snapshot;
    }

    private readonly Dictionary<string, List<string>> _columns = [];

    private static async Task<List<string>> ColumnsAsync(SqliteConnection connection, string table)
    {
        await using var info = connection.CreateCommand();
        info.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
        await using var reader = await info.ExecuteReaderAsync();
        var columns = new List<string>();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_app.DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    public void Dispose() => _app.Dispose();
}
