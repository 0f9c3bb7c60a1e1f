using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Reminders;

/// <summary>
/// The app with reminders pointed at a test SMTP server (or none: then the outbox folder), the scheduler's
/// trigger switched off so the test drives the dispatcher by hand with the test clock.
/// </summary>
public sealed class ReminderApp : AppFactory
{
    public const string BaseUrl = "https://smp.test";

    private readonly SmtpSink? _smtp;
    private readonly IReadOnlyDictionary<string, string?>? _settings;
    private readonly Action<IServiceCollection>? _services;

    public ReminderApp(SmtpSink? smtp, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, PostgresServer? postgres = null)
        : base(postgres)
    {
        _smtp = smtp;
        _settings = settings;
        _services = services;
    }

    /// <summary>A second app process on <paramref name="other"/>'s database, with the same settings and its own clock.</summary>
    public ReminderApp(ReminderApp other)
        : base(other)
    {
        _smtp = other._smtp;
        _settings = other._settings;
        _services = other._services;
    }

    public string OutboxPath => Path.Combine(DataDirectory, "outbox");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Reminders:DispatchEnabled", "false");
        builder.UseSetting("PublicBaseUrl", BaseUrl);
        builder.UseSetting("Smtp:From", "reminders@smp.test");
        if (_smtp is not null)
        {
            builder.UseSetting("Smtp:Host", "127.0.0.1");
            builder.UseSetting("Smtp:Port", _smtp.Port.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Smtp:TimeoutSeconds", "10");
        }

        foreach (var (key, value) in _settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    public async Task<DispatchReport> DispatchAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().RunOnceAsync();
    }

    /// <summary>Outside a staff request, as jobs and the tests see the data (no clinic filter).</summary>
    public async Task<List<Reminder>> RemindersAsync(Guid clientId) =>
        await WithDbAsync(db => db.Reminders.IgnoreQueryFilters().AsNoTracking().Where(r => r.ClientId == clientId)
            .OrderBy(r => r.DueAtUtc).ThenBy(r => r.Channel).ToListAsync());

    /// <summary>
    /// Runs <paramref name="change"/> in a unit of work, then recomputes the client's reminders and saves, exactly
    /// as the session pages do.
    /// </summary>
    public async Task<RecomputeResult> ChangeAsync(Guid clinicId, Guid clientId, Func<AppDbContext, Task> change, bool save = true)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<ReminderOutbox>();
        await change(db);
        var clinic = await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == clinicId);
        var result = await outbox.RecomputeAsync(db, clinic, clientId, Clock.GetUtcNow(), CancellationToken.None);
        if (save)
        {
            await db.SaveChangesAsync();
        }

        return result;
    }

    /// <summary>A scope whose requests look signed in to the clinic (for components that use the filtered sets).</summary>
    public AsyncServiceScope StaffScope(Guid clinicId)
    {
        var scope = Services.CreateAsyncScope();
        var identity = new ClaimsIdentity([new Claim(StaffClaims.ClinicId, clinicId.ToString())], "test");
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(identity) };
        return scope;
    }
}

/// <summary>Test data: a client and their sessions, written the way the app writes them.</summary>
public sealed class ReminderScenario(ReminderApp app, TestClinic clinic)
{
    public TestClinic Clinic { get; } = clinic;

    /// <summary>
    /// A clinic for reminder tests. Its clients get milestone and next-session reminders only, unless
    /// <paramref name="checkInInvitations"/> keeps the default check-in days (CheckIns/CheckInReminderTests).
    /// </summary>
    public static async Task<ReminderScenario> StartAsync(ReminderApp app, string timeZone = "Europe/London", string locale = "en-GB", bool checkInInvitations = false)
    {
        var clinic = await app.SeedClinicAsync(timeZone: timeZone, locale: locale);
        if (!checkInInvitations)
        {
            await app.WithDbAsync(async db =>
            {
                var settings = Domain.CheckIns.ClinicCheckInSettings.Default(clinic.Id);
                settings.Change(Domain.CheckIns.CheckInSchedule.None, keepOriginals: false, app.Clock.GetUtcNow().UtcDateTime);
                db.CheckInSettings.Add(settings);
                return await db.SaveChangesAsync();
            });
        }

        return new(app, clinic);
    }

    public async Task<Client> ClientAsync(string? email = "sam@example.com", string? phone = null, bool emailConsent = true, bool smsConsent = false,
        DateOnly? plannedNextSession = null, string name = "Sam Client")
    {
        var client = Client.Create(Clinic.Id, new ClientDetails(name, email, phone, ContactChannel.None, emailConsent, smsConsent,
            null, null, false, null, plannedNextSession), "GB", app.Clock.GetUtcNow().UtcDateTime);
        await app.WithDbAsync(async db =>
        {
            db.Clients.Add(client);
            return await db.SaveChangesAsync();
        });
        return client;
    }

    /// <summary>Logs a session at a clinic-local time and recomputes, in one unit of work.</summary>
    public async Task<Guid> LogSessionAsync(Guid clientId, string localStart, bool final = false)
    {
        var id = Guid.Empty;
        await app.ChangeAsync(Clinic.Id, clientId, async db =>
        {
            var client = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == clientId);
            var others = await db.Sessions.IgnoreQueryFilters().Where(s => s.ClientId == clientId).ToListAsync();
            var session = TreatmentSession.Log(client, Clinic.ProtocolVersionId, Details(localStart, final, await ZoneAsync(db)), others, app.Clock.GetUtcNow().UtcDateTime);
            db.Sessions.Add(session);
            id = session.Id;
        });
        return id;
    }

    public Task<RecomputeResult> MoveSessionAsync(Guid clientId, Guid sessionId, string localStart, bool final = false) =>
        app.ChangeAsync(Clinic.Id, clientId, async db =>
        {
            var client = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == clientId);
            var sessions = await db.Sessions.IgnoreQueryFilters().Where(s => s.ClientId == clientId).ToListAsync();
            sessions.Single(s => s.Id == sessionId).Change(client, Details(localStart, final, await ZoneAsync(db)), sessions, app.Clock.GetUtcNow().UtcDateTime);
        });

    public Task<RecomputeResult> DeleteSessionAsync(Guid clientId, Guid sessionId) =>
        app.ChangeAsync(Clinic.Id, clientId, async db =>
            db.Sessions.Remove(await db.Sessions.IgnoreQueryFilters().SingleAsync(s => s.Id == sessionId)));

    public Task<RecomputeResult> UpdateClientAsync(Guid clientId, Func<ClientDetails, ClientDetails> change) =>
        app.ChangeAsync(Clinic.Id, clientId, async db =>
        {
            var client = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == clientId);
            client.Update(change(Details(client)), "GB");
        });

    public static ClientDetails Details(Client c) => new(c.FullName, c.Email, c.Phone, c.PreferredChannel, c.EmailConsent, c.SmsConsent,
        c.SkinNotes, c.Contraindications, c.KeloidHistory, c.Notes, c.PlannedNextSession);

    private async Task<ClinicTimeZone> ZoneAsync(AppDbContext db) =>
        (await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == Clinic.Id)).TimeZone;

    private static SessionDetails Details(string localStart, bool final, ClinicTimeZone zone) =>
        new(zone.ToInstant(DateTime.ParseExact(localStart, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)), null, "Tess Technician", final, null, null, null, null);

    public static DateTimeOffset Local(string localDateTime, string zone = "Europe/London") =>
        ClinicTimeZone.FromIanaId(zone).ToInstant(DateTime.ParseExact(localDateTime, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));

    public static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
