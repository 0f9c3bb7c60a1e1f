using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Tests.Infrastructure;

/// <summary>
/// The real app with a clock the test controls, on a real SQLite file in a fresh temporary folder, or, given a
/// <see cref="PostgresServer"/>, on a fresh database of that server.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public const string Password = "Correct-Horse-9";

    private readonly PostgresServer? _postgres;

    public AppFactory(PostgresServer? postgres = null)
    {
        Directory.CreateDirectory(DataDirectory);
        _postgres = postgres; // set only on the app that made the database: it drops it
        Provider = postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
        ConnectionString = postgres?.CreateDatabase() ?? $"Data Source={DatabasePath}";
    }

    /// <summary>A second app (its own data folder, so nothing shared on disk) on <paramref name="other"/>'s database.</summary>
    public AppFactory(AppFactory other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Directory.CreateDirectory(DataDirectory);
        Provider = other.Provider;
        ConnectionString = other.ConnectionString;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "smp-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(DataDirectory, "app.db");

    /// <summary>Mid-morning on a Monday in March, London: clear of DST changes unless a test moves it.</summary>
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting(AppDatabase.ProviderKey, Provider.ToString());
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("DataDirectory", DataDirectory);
        // Tests that send reminders run the dispatcher by hand on the test clock (Reminders/ReminderApp.cs);
        // the scheduler would fire on real time in every other test.
        builder.UseSetting("Reminders:DispatchEnabled", "false");
        // Open pages re-check their sign-in every minute in production; a second lets a test watch it happen.
        builder.UseSetting("StaffSession:RevalidationInterval", "00:00:01");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            // Hashing at production strength (100,000 rounds) costs CPU on every seeded account and sign-in; the
            // tests check who may sign in, not the hash's strength.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        });
    }

    public StaffBrowser Browser() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<StaffBrowser> SignedInAs(TestStaff staff)
    {
        var browser = Browser();
        await browser.SignInAsync(staff.Email, Password);
        return browser;
    }

    /// <summary>A clinic with its first protocol version and one account per role, written straight to the database.</summary>
    public async Task<TestClinic> SeedClinicAsync(string name = "Northside SMP", string timeZone = "Europe/London", string locale = "en-GB")
    {
        _ = Services; // make sure the host (and its migrated database) exists; Server is unavailable under Kestrel
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var now = Clock.GetUtcNow().UtcDateTime;

        var clinic = Clinic.Create(new ClinicDetails(name, timeZone, locale, "+44 20 7946 0000", "hello@example.com", "1 High Street"), now);
        db.Clinics.Add(clinic);
        var protocol = ProtocolVersion.Initial(clinic.Id, "seed", now);
        db.ProtocolVersions.Add(protocol);
        await db.SaveChangesAsync();

        var slug = new string(name.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
        async Task<TestStaff> Add(string role)
        {
            var email = $"{role.ToLowerInvariant()}@{slug}.example.com";
            var user = new StaffUser { UserName = email, Email = email, FullName = $"{role} of {name}", ClinicId = clinic.Id, EmailConfirmed = true };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, role);
            return new TestStaff(user.Id, email, user.FullName, role);
        }

        return new TestClinic(clinic.Id, name, protocol.Id, await Add(StaffRoles.Owner), await Add(StaffRoles.Technician), await Add(StaffRoles.Reception));
    }

    /// <summary>One more staff account in an existing clinic (a test that switches someone off needs its own person).</summary>
    public async Task<TestStaff> AddStaffAsync(Guid clinicId, string role, string email, string fullName, string? password = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        // As the app makes accounts (the user name is the id), so the address may also have an account elsewhere.
        var user = StaffUser.Create(clinicId, email, fullName);
        user.EmailConfirmed = true;
        var result = await users.CreateAsync(user, password ?? Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        return new TestStaff(user.Id, email, fullName, role);
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _postgres?.DropDatabase(ConnectionString);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a finishing request; the temp folder is cleaned by the OS.
            }
        }
    }
}

public sealed record TestStaff(string Id, string Email, string FullName, string Role);

public sealed record TestClinic(Guid Id, string Name, Guid ProtocolVersionId, TestStaff Owner, TestStaff Technician, TestStaff Reception);
