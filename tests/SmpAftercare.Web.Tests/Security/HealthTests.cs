using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Security;

public sealed class HealthTests : IDisposable
{
    private readonly AppFactory _app = new();

    [Fact]
    public async Task Anonymous_GetsTheStatusOnly_TheOwnerGetsTheChecks()
    {
        var clinic = await _app.SeedClinicAsync();
        using var anonymous = _app.Browser();
        using var technician = await _app.SignedInAs(clinic.Technician);
        using var owner = await _app.SignedInAs(clinic.Owner);

        var forAnyone = await anonymous.Client.GetAsync("/healthz");
        var forTechnician = await technician.Client.GetAsync("/healthz");
        var forOwner = await owner.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, forAnyone.StatusCode);
        Assert.Equal("""{"status":"Healthy"}""", await forAnyone.Content.ReadAsStringAsync());
        Assert.Equal("""{"status":"Healthy"}""", await forTechnician.Content.ReadAsStringAsync());
        using var details = JsonDocument.Parse(await forOwner.Content.ReadAsStringAsync());
        Assert.Contains("pending", details.RootElement.GetProperty("checks").GetProperty("database").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlyDatabase_IsUnhealthy()
    {
        await _app.SeedClinicAsync();
        using var anonymous = _app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Client.GetAsync("/healthz")).StatusCode);

        MakeReadOnly(_app.DatabasePath);
        var health = await anonymous.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("""{"status":"Unhealthy"}""", await health.Content.ReadAsStringAsync());
        // Reads still work: this is the case a read-only check called healthy.
        await _app.WithDbAsync(async db => await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Clinics));
    }

    /// <summary>
    /// Marks the file read-only the way SQLite itself reads it (file format write version 3: readable, never
    /// written), which holds even for root, unlike file permissions.
    /// </summary>
    private static void MakeReadOnly(string path)
    {
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = 18;
        file.WriteByte(3);
    }

    public void Dispose() => _app.Dispose();
}
