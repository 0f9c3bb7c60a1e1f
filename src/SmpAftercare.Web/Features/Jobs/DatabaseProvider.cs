namespace SmpAftercare.Web.Features.Jobs;

/// <summary>Which database the installation runs on: configuration key <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseProviderSetting
{
    public const string Key = "Database:Provider";

    /// <summary>
    /// <c>Sqlite</c> (the default, also when the key is empty) or <c>Postgres</c>, in any letter case. Anything
    /// else stops the start-up with a message naming the key: guessing could put the jobs on the wrong store.
    /// </summary>
    public static DatabaseProvider Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Sqlite;
        }

        if (value.Trim().Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Postgres;
        }

        throw new InvalidOperationException($"{Key} is '{value}': use Sqlite (the default) or Postgres.");
    }
}
