using Microsoft.Data.Sqlite;

namespace SmpAftercare.Web.Infrastructure;

/// <summary>
/// While the app runs it holds a shared lock on a file beside its SQLite database (FILE.lock); `restore` takes
/// the same lock exclusively, so it cannot swap the database under a running app, and an app cannot start
/// half-way through a restore. Several app processes on one database can all hold the shared lock. The lock is
/// the operating system's: a killed process leaves the file but not the lock.
/// </summary>
public sealed class DatabaseInUse(IConfiguration configuration, IHostEnvironment environment) : IHostedService, IDisposable
{
    private FileStream? _held;

    /// <summary>
    /// The lock file beside the configured SQLite database file, or null for anything else: PostgreSQL (backed up
    /// and restored with its own tools, docs/deploy.md), :memory: or a file: URI.
    /// </summary>
    public static string? LockPath(IConfiguration configuration, IHostEnvironment environment)
    {
        if (HostingSetup.Provider(configuration) != Data.DatabaseProvider.Sqlite)
        {
            return null;
        }

        var source = new SqliteConnectionStringBuilder(HostingSetup.ConnectionString(configuration, environment)).DataSource;
        return string.IsNullOrEmpty(source) || source.StartsWith(':') || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? null
            : Path.GetFullPath(source) + ".lock";
    }

    /// <summary>Exclusive: null when an app (or another restore) holds the lock.</summary>
    public static FileStream? TryTakeExclusive(string lockPath) => TryOpen(lockPath, FileShare.None);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (LockPath(configuration, environment) is { } path)
        {
            _held = TryOpen(path, FileShare.ReadWrite)
                    ?? throw new InvalidOperationException($"A restore is replacing the database ({path} is locked): start the app when it has finished.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }

    // .NET locks the file itself on Unix: FileShare.None takes an exclusive lock, any other share mode a shared one.
    private static FileStream? TryOpen(string path, FileShare share)
    {
        try
        {
            return new FileStream(path, OwnerOnlyFile.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, share));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
