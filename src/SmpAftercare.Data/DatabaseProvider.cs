using Microsoft.EntityFrameworkCore;

namespace SmpAftercare.Data;

/// <summary>Which database the app runs on: configuration key <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The one place that turns a provider and a connection string into context options, so the app, the admin
/// commands, dotnet-ef and the tests all build the same model with the same migrations.
/// </summary>
public static class AppDatabase
{
    public const string ProviderKey = "Database:Provider";

    /// <summary>One migrations assembly per provider (EF Core's "Migrations with Multiple Providers").</summary>
    public static string MigrationsAssembly(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => "SmpAftercare.Migrations.Postgres",
        _ => "SmpAftercare.Migrations.Sqlite",
    };

    /// <summary>Reads the provider setting: empty means SQLite; anything unknown is refused by name.</summary>
    public static DatabaseProvider ParseProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"{ProviderKey} is '{value}'; use Sqlite or Postgres.");
    }

    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        var migrations = MigrationsAssembly(provider);
        return provider switch
        {
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString, o => o.MigrationsAssembly(migrations)),
            _ => options.UseSqlite(connectionString, o => o.MigrationsAssembly(migrations)),
        };
    }
}
