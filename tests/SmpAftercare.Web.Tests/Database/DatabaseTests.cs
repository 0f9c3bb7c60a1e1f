using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Database;

/// <summary>What must hold on both providers: instants in SQL, shared data-protection keys, the health check.</summary>
public abstract class DatabaseTests(PostgresServer? postgres) : IDisposable
{
    private readonly AppFactory _app = new(postgres);

    [Fact]
    public async Task Instants_AreStoredAsUtc_SoSqlOrdersAndComparesThemAsInstants()
    {
        var clinic = await _app.SeedClinicAsync();
        var at = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);
        await _app.WithDbAsync(async db =>
        {
            var users = await db.Users.ToDictionaryAsync(u => u.Id);
            // Three kinds of DateTime: UTC, unspecified (the app's *Utc convention) and local.
            users[clinic.Owner.Id].DisabledAtUtc = at.AddMilliseconds(500);
            users[clinic.Technician.Id].DisabledAtUtc = DateTime.SpecifyKind(at, DateTimeKind.Unspecified);
            users[clinic.Reception.Id].DisabledAtUtc = new DateTimeOffset(at.AddSeconds(1)).LocalDateTime;
            // Offsets whose wall-clock order is the reverse of their order in time.
            users[clinic.Owner.Id].LockoutEnd = new DateTimeOffset(2026, 3, 2, 12, 30, 0, TimeSpan.FromHours(2)); // 10:30Z
            users[clinic.Technician.Id].LockoutEnd = new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero); // 11:00Z
            users[clinic.Reception.Id].LockoutEnd = new DateTimeOffset(2026, 3, 2, 9, 45, 0, TimeSpan.FromHours(-1)); // 10:45Z
            return await db.SaveChangesAsync();
        });

        var threshold = at.AddMilliseconds(200);
        var byDisabled = await _app.WithDbAsync(db => db.Users.OrderBy(u => u.DisabledAtUtc).Select(u => u.Id).ToListAsync());
        var disabledAfter = await _app.WithDbAsync(db => db.Users.Where(u => u.DisabledAtUtc > threshold).Select(u => u.Id).ToListAsync());
        // EF refuses DateTimeOffset in ORDER BY on SQLite; what matters is the stored value, so ask in plain SQL.
        var byLockout = await _app.WithDbAsync(db => db.Database
            .SqlQueryRaw<string>("""SELECT "Id" AS "Value" FROM "AspNetUsers" ORDER BY "LockoutEnd" """).ToListAsync());
        var lockoutAfter = await _app.WithDbAsync(db => db.Database
            .SqlQueryRaw<string>("""SELECT "Id" AS "Value" FROM "AspNetUsers" WHERE "LockoutEnd" > {0}""", new DateTimeOffset(2026, 3, 2, 10, 40, 0, TimeSpan.Zero)).ToListAsync());
        var stored = await _app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == clinic.Reception.Id));

        Assert.Equal([clinic.Technician.Id, clinic.Owner.Id, clinic.Reception.Id], byDisabled);
        Assert.Equal(new[] { clinic.Owner.Id, clinic.Reception.Id }.Order(), disabledAfter.Order());
        Assert.Equal([clinic.Owner.Id, clinic.Reception.Id, clinic.Technician.Id], byLockout);
        Assert.Equal(new[] { clinic.Technician.Id, clinic.Reception.Id }.Order(), lockoutAfter.Order());
        Assert.Equal(DateTimeKind.Utc, stored.DisabledAtUtc!.Value.Kind);
        Assert.Equal(at.AddSeconds(1), stored.DisabledAtUtc.Value);
        Assert.Equal(TimeSpan.Zero, stored.LockoutEnd!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 45, 0, TimeSpan.Zero), stored.LockoutEnd.Value);
    }

    [Fact]
    public async Task ASignInAndAFormTokenFromOneAppInstance_WorkOnAnotherOnTheSameDatabase()
    {
        var clinic = await _app.SeedClinicAsync();
        var cookies = new CookieContainer();
        using var first = new StaffBrowser(_app.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)));
        await first.SignInAsync(clinic.Owner.Email, AppFactory.Password);
        var form = await first.GetAsync("/account"); // a static form, so its antiforgery token is in the page

        // Another process on the same database: its own memory and data folder, nothing shared but the database.
        using var other = new AppFactory(_app);
        using var second = new StaffBrowser(other.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)));
        var list = await second.GetAsync("/clients");
        var saved = await second.SubmitAsync(form, "password", new Dictionary<string, string?>
        {
            ["Input.CurrentPassword"] = AppFactory.Password,
            ["Input.NewPassword"] = "Saved-On-The-Other-Instance-1",
            ["Input.ConfirmPassword"] = "Saved-On-The-Other-Instance-1",
        });

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Empty(saved.ValidationMessages);
        Assert.True(await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.ClinicId == clinic.Id && a.Action == "account.password-changed")));
        Assert.Equal(1, await _app.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
    }

    [Fact]
    public async Task HealthCheck_AsksTheConfiguredDatabase()
    {
        var clinic = await _app.SeedClinicAsync();
        using var owner = await _app.SignedInAs(clinic.Owner); // anonymous callers get the status only

        var response = await owner.Client.GetAsync("/healthz");

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var database = json.RootElement.GetProperty("checks").GetProperty("database");
        Assert.Equal("Healthy", database.GetProperty("status").GetString());
        Assert.StartsWith(_app.Provider == DatabaseProvider.Postgres ? "PostgreSQL answers" : "SQLite answers", database.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();
}
