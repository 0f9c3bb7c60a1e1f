using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting.Internal;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Reminders;

namespace SmpAftercare.Web.Tests.Jobs;

/// <summary>The settings that decide where jobs live and how often the dispatch runs.</summary>
public sealed class JobSettingsTests
{
    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("", DatabaseProvider.Sqlite)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    [InlineData("postgres", DatabaseProvider.Postgres)]
    [InlineData(" Postgres ", DatabaseProvider.Postgres)]
    public void Provider_IsSqliteUnlessPostgresIsAskedFor(string? value, DatabaseProvider expected) =>
        Assert.Equal(expected, HostingSetup.Provider(Config(("Database:Provider", value))));

    [Fact]
    public void Provider_Unknown_StopsWithAMessageNamingTheKey()
    {
        var e = Assert.Throws<InvalidOperationException>(() => HostingSetup.Provider(Config(("Database:Provider", "MySql"))));
        Assert.Equal("Database:Provider is 'MySql'; use Sqlite or Postgres.", e.Message);
    }

    [Fact]
    public void Postgres_WithoutAConnectionString_StopsWithAMessageNamingTheKey()
    {
        var environment = new HostingEnvironment { ContentRootPath = Path.GetTempPath() };
        var e = Assert.Throws<InvalidOperationException>(() => HostingSetup.ConnectionString(Config(("Database:Provider", "Postgres"), ("ConnectionStrings:Default", "")), environment));
        Assert.Contains("set ConnectionStrings:Default", e.Message, StringComparison.Ordinal);
        Assert.Equal("Host=db;Database=smp", HostingSetup.ConnectionString(Config(("Database:Provider", "Postgres"), ("ConnectionStrings:Default", "Host=db;Database=smp")), environment));
    }

    [Theory]
    [InlineData(1, "*/1 * * * * *")]
    [InlineData(15, "*/15 * * * * *")]
    [InlineData(60, "0 */1 * * * *")]
    [InlineData(300, "0 */5 * * * *")]
    [InlineData(3600, "0 0 * * * *")]
    public void Interval_BecomesAnEvenCron(int seconds, string cron) => Assert.Equal(cron, ReminderDispatchJob.Cron(seconds));

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(90)]
    [InlineData(420)]
    [InlineData(7200)]
    public void Interval_WithoutAnEvenSchedule_IsRefused(int seconds) => Assert.False(ReminderDispatchJob.TryCron(seconds, out _));

    [Fact]
    public void App_WithAnUnevenInterval_DoesNotStart_AndSaysWhichValuesWork()
    {
        using var app = new ReminderApp(smtp: null, new Dictionary<string, string?> { ["Reminders:DispatchIntervalSeconds"] = "90" });

        var e = Assert.ThrowsAny<OptionsValidationException>(() => app.Services);

        Assert.Contains("Reminders:DispatchIntervalSeconds must divide a minute", e.Message, StringComparison.Ordinal);
    }
}
