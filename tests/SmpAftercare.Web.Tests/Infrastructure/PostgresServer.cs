using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SmpAftercare.Web.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL cluster for this test run: initdb into a temporary folder, started on a free port,
/// stopped and deleted at the end. <see cref="CreateDatabase"/> gives each caller a fresh, empty database, so
/// the same server serves any number of app hosts (and, later, several app processes on one database).
/// As root the server runs as the <c>postgres</c> user (PostgreSQL refuses root); binaries from
/// /usr/lib/postgresql/N/bin (Debian's <c>postgresql</c> package) or the PG_BIN environment variable.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _directory;
    private readonly string _bin;
    private readonly bool _asPostgresUser;
    private int _stopped;

    public PostgresServer()
    {
        _bin = FindBinaries();
        _asPostgresUser = Environment.UserName == "root";
        _directory = Path.Combine(Path.GetTempPath(), "smp-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        Port = FreePort();
        if (_asPostgresUser)
        {
            Run("chown", $"postgres:postgres {_directory}", asPostgres: false);
        }

        Run("chmod", $"700 {_directory}", asPostgres: false);
        Run(Path.Combine(_bin, "initdb"), $"-D {_directory} -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8");
        // Durability is not under test: no fsync makes creating a database per test host cheap.
        Run(Path.Combine(_bin, "pg_ctl"),
            $"-D {_directory} -o \"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" -l {_directory}/server.log -w start");
        // A test run that ends without disposing the fixture (a crash, Ctrl+C) still stops its server.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public int Port { get; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = "smp_" + Guid.NewGuid().ToString("N");
        Execute($"CREATE DATABASE \"{name}\"");
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}";
    }

    public void DropDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        Execute($"DROP DATABASE IF EXISTS \"{builder.Database}\" WITH (FORCE)");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            Run(Path.Combine(_bin, "pg_ctl"), $"-D {_directory} -m immediate -w stop");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void Run(string file, string arguments, bool asPostgres = true)
    {
        var start = asPostgres && _asPostgresUser
            ? new ProcessStartInfo("su", ["postgres", "-s", "/bin/sh", "-c", $"{file} {arguments}"])
            : new ProcessStartInfo("/bin/sh", ["-c", $"{file} {arguments}"]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_directory, "server.log");
            throw new InvalidOperationException($"{Path.GetFileName(file)} {arguments} failed ({process.ExitCode}): {output.Result} {error} " +
                (File.Exists(log) ? File.ReadAllText(log) : string.Empty));
        }
    }

    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }

        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL is needed for the PostgreSQL test runs: install Debian's postgresql package (.ci/run does) or set PG_BIN to its bin folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Every test class that runs on PostgreSQL shares one server for the run (docs/architecture.md).</summary>
[CollectionDefinition(Name)]
public sealed class OnPostgres : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
