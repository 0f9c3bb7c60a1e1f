using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Tests.Database;

/// <summary>
/// Each provider's migrations describe the whole model: a model change made without `dotnet ef migrations add`
/// for both providers (docs/architecture.md, "Databases") fails here. The diff needs no server.
/// </summary>
public sealed class MigrationsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void EachProvidersMigrations_CaptureTheWholeModel(DatabaseProvider provider)
    {
        using var db = Context(new DbContextOptionsBuilder<AppDbContext>().Use(provider, ModelOnlyConnectionString(provider)));

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes the {provider} migrations lack: add a migration for both providers (docs/architecture.md).");
    }

    [Fact]
    public void TheCheck_SeesADifference_WhenTheMigrationsAreAnotherProvidersSet()
    {
        // SQLite's model against PostgreSQL's migrations: every column type differs, so the check above can fail.
        using var db = Context(new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite("Data Source=:memory:", o => o.MigrationsAssembly(AppDatabase.MigrationsAssembly(DatabaseProvider.Postgres))));

        Assert.True(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void SqliteMigrations_KeepTheReleasedIds_SoExistingDatabasesSeeThemApplied()
    {
        using var db = Context(new DbContextOptionsBuilder<AppDbContext>().Use(DatabaseProvider.Sqlite, "Data Source=:memory:"));

        Assert.Equal(["20261121002016_InitialCreate", "20261121003928_ClientSearchIndex"], db.Database.GetMigrations().Take(2));
    }

    [Fact]
    public void AnUnknownProvider_IsRefusedByName()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AppDatabase.ParseProvider("mysql"));

        Assert.Contains("mysql", error.Message, StringComparison.Ordinal);
        Assert.Equal(DatabaseProvider.Sqlite, AppDatabase.ParseProvider(""));
        Assert.Equal(DatabaseProvider.Postgres, AppDatabase.ParseProvider("postgres"));
    }

    /// <summary>Never opened: building the model and diffing it against the migrations does not connect.</summary>
    private static string ModelOnlyConnectionString(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? "Host=model-only.invalid;Database=none" : "Data Source=:memory:";

    private static AppDbContext Context(DbContextOptionsBuilder options) => new((DbContextOptions<AppDbContext>)options.Options, new NoClinic());

    private sealed class NoClinic : ICurrentClinic
    {
        public Guid? ClinicId => null;
    }
}
