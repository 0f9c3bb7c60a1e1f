using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Admin;

/// <summary>
/// Puts a backup in place of the live SQLite database: only a file that is a backup of this app, only while no
/// app runs on the database, and the database it replaces is kept beside it, never deleted.
/// </summary>
internal sealed class RestoreCommand : ICliCommand
{
    /// <summary>Tables every version of the app has: a file without them is some other SQLite database.</summary>
    private static readonly string[] AppTables = ["__EFMigrationsHistory", "Clinics", "Clients", "AspNetUsers"];

    public string Name => "restore";

    public string Usage => "restore --from FILE";

    public IReadOnlyDictionary<string, bool> Options { get; } = new Dictionary<string, bool> { ["from"] = true };

    public void Check(CliOptions options, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(options["from"]))
        {
            problems.Add("--from: name the backup file to restore.");
        }
    }

    public async Task<int> RunAsync(WebApplication app, CliOptions options, TextWriter output, TextWriter error)
    {
        if (DatabaseInUse.LockPath(app.Configuration, app.Environment) is not { } lockPath)
        {
            await error.WriteLineAsync("restore works on a SQLite database file; this app is configured for another database (see docs/deploy.md).");
            return AdminCli.Failed;
        }

        var live = Path.GetFullPath(new SqliteConnectionStringBuilder(HostingSetup.ConnectionString(app.Configuration, app.Environment)).DataSource);
        var from = Path.GetFullPath(options["from"]);
        if (!File.Exists(from))
        {
            await error.WriteLineAsync($"--from: there is no file at {from}.");
            return AdminCli.Failed;
        }

        if (string.Equals(from, live, StringComparison.Ordinal))
        {
            await error.WriteLineAsync($"--from: {from} is the live database itself.");
            return AdminCli.Failed;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var known = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        if (Verify(from, known) is { } refusal)
        {
            await error.WriteLineAsync($"--from: {refusal} Nothing was changed.");
            return AdminCli.Failed;
        }

        using var held = DatabaseInUse.TryTakeExclusive(lockPath);
        if (held is null)
        {
            await error.WriteLineAsync($"The app is running on {live}: stop it first, then restore. Nothing was changed.");
            return AdminCli.Failed;
        }

        SqliteConnection.ClearAllPools();
        var incoming = live + ".restoring";
        try
        {
            File.Delete(incoming); // a restore that died half-way; the lock says no other restore is running
            OwnerOnlyFile.CreateNew(incoming);
            await using (var source = File.OpenRead(from))
            await using (var target = new FileStream(incoming, FileMode.Truncate, FileAccess.Write))
            {
                await source.CopyToAsync(target);
            }

            string? aside = null;
            if (File.Exists(live))
            {
                var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
                aside = $"{live}.before-restore-{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
                // The -wal file holds committed rows not yet in the main file: it goes aside with it.
                foreach (var suffix in new[] { "-wal", "-shm" })
                {
                    if (File.Exists(live + suffix))
                    {
                        File.Move(live + suffix, aside + suffix);
                    }
                }

                File.Move(live, aside);
            }

            File.Move(incoming, live);
            await output.WriteLineAsync(live);
            await error.WriteLineAsync(aside is null
                ? $"Restored {from} into {live}."
                : $"Restored {from} into {live}. The database it replaced is kept as {aside}.");
            await error.WriteLineAsync("The app brings the schema up to date when it next starts.");
            return AdminCli.Done;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"The restore failed: {e.Message}. If {live} is missing, the database it held is beside it as {Path.GetFileName(live)}.before-restore-*.");
            return AdminCli.Failed;
        }
    }

    /// <summary>Null when the file is an intact backup of this app that this version can run; otherwise why not.</summary>
    private static string? Verify(string path, HashSet<string> knownMigrations)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            if (BackupCommand.Execute(connection, "PRAGMA integrity_check;") is var check && !string.Equals(check, "ok", StringComparison.Ordinal))
            {
                return $"{path} is damaged ({check}).";
            }

            var tables = Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table'").ToHashSet(StringComparer.Ordinal);
            if (AppTables.Any(t => !tables.Contains(t)))
            {
                return $"{path} is not a backup of SmpAftercare (it lacks the app's tables).";
            }

            var applied = Strings(connection, "SELECT MigrationId FROM __EFMigrationsHistory");
            var unknown = applied.Where(m => !knownMigrations.Contains(m)).ToList();
            return unknown.Count > 0
                ? $"{path} was made by a newer version of SmpAftercare (it has schema changes this version does not know: {string.Join(", ", unknown)}). Restore it with that version."
                : null;
        }
        catch (SqliteException e)
        {
            return $"{path} is not a SQLite database ({e.Message}).";
        }
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
