using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Features.Admin;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Admin;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RestoreTests : IDisposable
{
    /// <summary>The database lives outside the app's temporary folder, so it outlives the app for the restore.</summary>
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "smp-tests", "restore-" + Guid.NewGuid().ToString("N"));

    private readonly OwnFolderApp _app;

    public RestoreTests()
    {
        _app = new OwnFolderApp(Path.Combine(_folder, "app.db"));
    }

    private string Backup => Path.Combine(_folder, "backups", "monday.db");

    private sealed class OwnFolderApp(string database) : AppFactory
    {
        public string Database => database;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(database)!);
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Default", $"Data Source={database}");
        }
    }

    [Fact]
    public async Task Restore_OnPostgres_SaysToUseTheDatabasesOwnTools()
    {
        Directory.CreateDirectory(_folder);
        var env = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Default"] = "Host=127.0.0.1;Port=1;Database=smp;Username=smp",
        };

        var refused = await CliProcess.RunAsync(_folder, _app.Database, env, "restore", "--from", Backup);

        Assert.Equal(AdminCli.Failed, refused.ExitCode);
        Assert.Contains("restore works on a SQLite database file", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_WhileTheAppRuns_IsRefused_AfterItStops_PutsTheBackupBack_AndKeepsTheReplacedDatabase()
    {
        var clinic = await _app.SeedClinicAsync("Before Backup SMP");
        Assert.Equal(0, (await CliProcess.RunAsync(_folder, _app.Database, "backup", "--to", Backup)).ExitCode);
        await _app.Client(clinic).Named("Added After The Backup").SaveAsync();

        var refused = await CliProcess.RunAsync(_folder, _app.Database, "restore", "--from", Backup);

        Assert.Equal(AdminCli.Failed, refused.ExitCode);
        Assert.Contains("The app is running on", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().CountAsync()));

        var data = _folder;
        var database = _app.Database;
        await _app.DisposeAsync(); // the app stops

        var restored = await CliProcess.RunAsync(data, database, "restore", "--from", Backup);

        Assert.True(restored.ExitCode == 0, restored.ToString());
        Assert.Equal(database, restored.Output.Trim());
        Assert.Equal(0, Count(database, "SELECT COUNT(*) FROM Clients"));
        Assert.Equal(1, Count(database, "SELECT COUNT(*) FROM Clinics WHERE Name = 'Before Backup SMP'"));
        var aside = Assert.Single(Directory.GetFiles(data, "app.db.before-restore-*"), f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal));
        Assert.Contains(aside, restored.Error, StringComparison.Ordinal);
        Assert.Equal(1, Count(aside, "SELECT COUNT(*) FROM Clients WHERE FullName = 'Added After The Backup'"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database));
    }

    [Fact]
    public async Task Restore_OfAFileThatIsNotABackupOfThisApp_IsRefusedAndChangesNothing()
    {
        await _app.SeedClinicAsync();
        var data = _folder;
        var database = _app.Database;
        await _app.DisposeAsync();
        var before = await File.ReadAllBytesAsync(database);
        var text = Path.Combine(data, "notes.db");
        await File.WriteAllTextAsync(text, "not a database at all");
        var other = Path.Combine(data, "other.db");
        using (var connection = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE Recipes (Name TEXT);";
            create.ExecuteNonQuery();
        }

        var notSqlite = await CliProcess.RunAsync(data, database, "restore", "--from", text);
        var notOurs = await CliProcess.RunAsync(data, database, "restore", "--from", other);
        var missing = await CliProcess.RunAsync(data, database, "restore", "--from", Path.Combine(data, "nowhere.db"));

        Assert.Equal((AdminCli.Failed, AdminCli.Failed, AdminCli.Failed), (notSqlite.ExitCode, notOurs.ExitCode, missing.ExitCode));
        Assert.Contains("is not a SQLite database", notSqlite.Error, StringComparison.Ordinal);
        Assert.Contains("is not a backup of SmpAftercare", notOurs.Error, StringComparison.Ordinal);
        Assert.Contains("there is no file at", missing.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(database));
        Assert.Empty(Directory.GetFiles(data, "app.db.before-restore-*"));
    }

    private static long Count(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        _app.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
