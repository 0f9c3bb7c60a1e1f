using Microsoft.Data.Sqlite;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Admin;

/// <summary>
/// Copies the database with SQLite's online backup API: the copy is one consistent snapshot (in WAL mode the
/// backup reads a snapshot while the app goes on writing), unlike copying the file, which can catch a write
/// half-done or miss what is still in the -wal file.
/// </summary>
internal sealed class BackupCommand : ICliCommand
{
    public string Name => "backup";

    public string Usage => "backup --to FILE";

    public IReadOnlyDictionary<string, bool> Options { get; } = new Dictionary<string, bool> { ["to"] = true };

    public void Check(CliOptions options, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(options["to"]))
        {
            problems.Add("--to: name the file to write the backup to.");
        }
    }

    // No migration first, unlike the other commands: a backup is what an operator takes before an upgrade,
    // so it copies the database exactly as it is.
    public async Task<int> RunAsync(WebApplication app, CliOptions options, TextWriter output, TextWriter error)
    {
        if (HostingSetup.Provider(app.Configuration) != DatabaseProvider.Sqlite)
        {
            await error.WriteLineAsync("backup copies the SQLite database; on PostgreSQL use pg_dump (docs/cli.md).");
            return AdminCli.Failed;
        }

        var source = new SqliteConnectionStringBuilder(HostingSetup.ConnectionString(app.Configuration, app.Environment))
        {
            Mode = SqliteOpenMode.ReadWrite, // never create an empty database where the live one should be
            Pooling = false,
        };
        var sourcePath = Path.GetFullPath(source.DataSource);
        if (!File.Exists(sourcePath))
        {
            await error.WriteLineAsync($"There is no database at {sourcePath}.");
            return AdminCli.Failed;
        }

        var target = Path.GetFullPath(options["to"]);
        if (Directory.Exists(target))
        {
            await error.WriteLineAsync($"--to: {target} is a folder. Name the backup file, like {Path.Combine(target, "smpaftercare-backup.db")}.");
            return AdminCli.Failed;
        }

        if (File.Exists(target))
        {
            await error.WriteLineAsync($"--to: {target} already exists. A backup never overwrites a file: choose a new name.");
            return AdminCli.Failed;
        }

        // Written under another name and renamed when complete, so a FILE that exists is always a whole backup.
        var partial = target + ".partial";
        if (File.Exists(partial))
        {
            await error.WriteLineAsync($"{partial} already exists: another backup to this name is running, or one was interrupted. " +
                                       "If none is running, remove it and try again.");
            return AdminCli.Failed;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            OwnerOnlyFile.CreateNew(partial);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"--to: cannot write {target}: {e.Message}");
            return AdminCli.Failed;
        }

        try
        {
            using var from = new SqliteConnection(source.ToString());
            using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString());
            from.Open();
            to.Open();
            from.BackupDatabase(to);
            // The copy inherits WAL mode from the live database; a backup should be one self-contained file.
            Execute(to, "PRAGMA journal_mode=DELETE;");
            var check = Execute(to, "PRAGMA integrity_check;");
            if (!string.Equals(check, "ok", StringComparison.Ordinal))
            {
                await error.WriteLineAsync($"The copy failed its integrity check ({check}); {partial} is left for inspection.");
                return AdminCli.Failed;
            }
        }
        catch (SqliteException e)
        {
            File.Delete(partial);
            await error.WriteLineAsync($"The backup failed and nothing was written: {e.Message}");
            return AdminCli.Failed;
        }

        File.Move(partial, target);
        await output.WriteLineAsync(target);
        await error.WriteLineAsync($"Backed up {sourcePath} to {target} ({new FileInfo(target).Length} bytes, readable by this user only).");
        return AdminCli.Done;
    }

    internal static string? Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }
}
