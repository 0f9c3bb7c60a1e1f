using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Web.Features.Admin;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Admin;

/// <summary>seed-bench on SQLite and on PostgreSQL (the pairs in Infrastructure/ProviderVariants.cs).</summary>
public abstract partial class SeedBenchTests(PostgresServer? postgres) : IDisposable
{
    private const string OwnerPassword = "Bench-Owner-2026";

    private readonly AppFactory _app = new(postgres);

    [Fact]
    public async Task SeedBench_SmallChain_FillsTheDatabaseWithWorkingLinksAndOwners()
    {
        var tokensFile = Path.Combine(_app.DataDirectory, "tokens.txt");
        Directory.CreateDirectory(_app.DataDirectory);

        var onPostgres = _app.Provider == SmpAftercare.Data.DatabaseProvider.Postgres
            ? new Dictionary<string, string> { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Default"] = _app.ConnectionString }
            : [];
        var result = await CliProcess.RunAsync(_app.DataDirectory, _app.DatabasePath, onPostgres,
            "seed-bench", "--clinics", "2", "--clients-per-clinic", "50", "--seed", "3", "--tokens", "5",
            "--tokens-out", tokensFile, "--owner-password", OwnerPassword);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(OwnerPassword, result.Output.Trim());
        var summary = Summary().Match(result.Error);
        Assert.True(summary.Success, result.Error);
        int Reported(string name) => int.Parse(summary.Groups[name].Value, CultureInfo.InvariantCulture);

        var (clinics, clients, archived, sessions, links, reminders, pending, clientsWithReminders, minSessions, maxSessions) = await _app.WithDbAsync(async db =>
        {
            var perClient = await db.Sessions.IgnoreQueryFilters().GroupBy(s => s.ClientId).Select(g => g.Count()).ToListAsync();
            return (await db.Clinics.IgnoreQueryFilters().CountAsync(), await db.Clients.IgnoreQueryFilters().CountAsync(),
                await db.Clients.IgnoreQueryFilters().CountAsync(c => c.ArchivedAtUtc != null),
                await db.Sessions.IgnoreQueryFilters().CountAsync(), await db.ClientLinks.IgnoreQueryFilters().CountAsync(),
                await db.Reminders.IgnoreQueryFilters().CountAsync(),
                await db.Reminders.IgnoreQueryFilters().CountAsync(r => r.Status == ReminderStatus.Pending),
                await db.Reminders.IgnoreQueryFilters().Select(r => r.ClientId).Distinct().CountAsync(),
                perClient.Min(), perClient.Max());
        });
        Assert.Equal((2, 100), (clinics, clients));
        Assert.Equal((Reported("archived"), Reported("sessions"), Reported("links"), Reported("reminders")), (archived, sessions, links, reminders));
        Assert.True(minSessions >= 1 && maxSessions <= 4, $"sessions per client {minSessions}-{maxSessions}");
        Assert.Equal(reminders, pending);
        // One link per client (the printed sheet); reminders get theirs when they are sent.
        Assert.Equal(clients, links);
        Assert.True(clientsWithReminders > 0, "some clients should have pending reminders");

        var tokens = await File.ReadAllLinesAsync(tokensFile);
        Assert.InRange(tokens.Length, 1, 5);
        using var visitor = _app.Browser();
        foreach (var token in tokens)
        {
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/c/{token}")).Status);
        }

        using var owner = _app.Browser();
        await owner.SignInAsync("owner2@bench002.example", OwnerPassword);
        var list = await owner.GetAsync("/clients");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains("Bench SMP 002", (await owner.GetAsync("/settings")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedBench_BadArguments_NamesEachOptionAndExits2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await AdminCli.RunAsync(["seed-bench", "--clinics", "0", "--clients-per-clinic", "many", "--owner-password", "short"], output, error);

        Assert.Equal(AdminCli.BadArguments, exit);
        var text = error.ToString();
        Assert.Contains("--clinics: '0' is not a whole number from 1 to 1000.", text, StringComparison.Ordinal);
        Assert.Contains("--clients-per-clinic: 'many' is not a whole number from 1 to 100000.", text, StringComparison.Ordinal);
        Assert.Contains("--owner-password: Use at least 10 characters.", text, StringComparison.Ordinal);
        Assert.Contains("Usage: seed-bench", text, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
    }

    public void Dispose() => _app.Dispose();

    [GeneratedRegex(@"Seeded \d+ clinics, \d+ clients \((?<archived>\d+) archived\), (?<sessions>\d+) sessions, (?<links>\d+) personal links, (?<reminders>\d+) pending reminders")]
    private static partial Regex Summary();
}
