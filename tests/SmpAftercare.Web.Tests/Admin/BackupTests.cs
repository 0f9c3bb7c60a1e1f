using System.Globalization;
using Microsoft.Data.Sqlite;
using SmpAftercare.Web.Features.Admin;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Admin;

public sealed class BackupTests : IDisposable
{
    private readonly AppFactory _app = new();

    private string Target => Path.Combine(_app.DataDirectory, "backups", "copy.db");

    [Fact]
    public async Task Backup_WhileRowsAreBeingCommitted_HoldsEveryRowCommittedBeforeItBeganAndIsIntact()
    {
        var clinic = await _app.SeedClinicAsync(); // the live app's database: migrated, in WAL mode
        var committed = 0;
        var warmedUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            using var connection = new SqliteConnection($"Data Source={_app.DatabasePath};Pooling=False");
            connection.Open();
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                using var transaction = connection.BeginTransaction();
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO AuditEntries (ClinicId, UserId, UserName, Action, Details, AtUtc) VALUES ($clinic, 'writer', 'writer', 'test.row', $n, '2026-03-02 10:00:00')";
                insert.Parameters.AddWithValue("$clinic", clinic.Id.ToString().ToUpperInvariant());
                insert.Parameters.AddWithValue("$n", n.ToString(CultureInfo.InvariantCulture));
                insert.ExecuteNonQuery();
                transaction.Commit();
                Volatile.Write(ref committed, n);
                if (n == 50)
                {
                    warmedUp.SetResult();
                }
            }
        });
        await warmedUp.Task.WaitAsync(TimeSpan.FromMinutes(1));

        var before = Volatile.Read(ref committed);
        var result = await CliProcess.RunAsync(_app.DataDirectory, _app.DatabasePath, "backup", "--to", Target);
        var whileBackingUp = Volatile.Read(ref committed) - before;
        await stop.CancelAsync();
        await writer;
        var total = Volatile.Read(ref committed);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Target, result.Output.Trim());
        Assert.True(whileBackingUp > 0, "The writer must have kept committing while the backup ran, or the test proves nothing.");
        using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Target, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        copy.Open();
        Assert.Equal("ok", Scalar(copy, "PRAGMA integrity_check;"));
        Assert.Equal("delete", Scalar(copy, "PRAGMA journal_mode;"));
        Assert.Equal(clinic.Name, Scalar(copy, "SELECT Name FROM Clinics;"));
        var rows = Numbers(copy);
        // A snapshot: rows 1..k with nothing missing, k at least every row committed before the backup began.
        Assert.Equal(Enumerable.Range(1, rows.Count), rows);
        Assert.InRange(rows.Count, before, total);
        Assert.False(File.Exists(Target + ".partial"));
    }

    [Fact]
    public async Task Backup_ToAnExistingFile_RefusesAndLeavesItAlone()
    {
        await _app.SeedClinicAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(Target)!);
        await File.WriteAllTextAsync(Target, "yesterday's backup");

        var result = await CliProcess.RunAsync(_app.DataDirectory, _app.DatabasePath, "backup", "--to", Target);

        Assert.Equal(AdminCli.Failed, result.ExitCode);
        Assert.Contains("already exists", result.Error, StringComparison.Ordinal);
        Assert.Equal("yesterday's backup", await File.ReadAllTextAsync(Target));
    }

    [Fact]
    public async Task Backup_WithoutADatabase_RefusesAndCreatesNone()
    {
        var result = await CliProcess.RunAsync(_app.DataDirectory, _app.DatabasePath, "backup", "--to", Target);

        Assert.Equal(AdminCli.Failed, result.ExitCode);
        Assert.Contains("There is no database at", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_app.DatabasePath));
        Assert.False(File.Exists(Target));
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }

    private static List<int> Numbers(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Details FROM AuditEntries WHERE Action = 'test.row'";
        using var reader = command.ExecuteReader();
        var numbers = new List<int>();
        while (reader.Read())
        {
            numbers.Add(int.Parse(reader.GetString(0), CultureInfo.InvariantCulture));
        }

        numbers.Sort();
        return numbers;
    }

    public void Dispose() => _app.Dispose();
}
