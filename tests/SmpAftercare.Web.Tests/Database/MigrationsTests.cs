using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SmpAftercare.Data;
using SmpAftercare.Domain.Aftercare;

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
    public async Task ClinicAdjustmentLimits_AClinicSavedBeforeTheSetting_GetsTodaysLimits()
    {
        var file = Path.Combine(Path.GetTempPath(), $"limits-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = Context(new DbContextOptionsBuilder<AppDbContext>().Use(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False"));
            var migrations = db.Database.GetMigrations().ToList();
            var migrator = db.GetService<IMigrator>();
            // Named by its suffix: the integrator regenerates migrations (and their timestamps) at merge.
            await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_ClinicAdjustmentLimits", StringComparison.Ordinal)) - 1]);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"Clinics\" (\"Id\", \"Name\", \"TimeZoneId\", \"Locale\", \"LinkValidityDays\", \"ReminderWindowStart\", \"ReminderWindowEnd\", \"RequireTwoFactor\", \"CreatedAtUtc\") " +
                "VALUES ('6F9619FF-8B86-D011-B42D-00C04FC964FF', 'Old Clinic', 'Europe/London', 'en-GB', 90, '09:00:00', '20:00:00', 0, '2026-01-01 00:00:00')");

            await migrator.MigrateAsync();

            var clinic = await db.Clinics.IgnoreQueryFilters().SingleAsync();
            Assert.Equal(("Old Clinic", AdjustmentLimits.Default), (clinic.Name, clinic.AdjustmentLimits));
        }
        finally
        {
            File.Delete(file);
        }
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
