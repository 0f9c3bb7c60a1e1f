using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Infrastructure;

// Reminder dispatch to a local SMTP server (aiosmtpd) against a plain MailKit client sending the same messages
// to the same server on one connection, in the same run. Usage (from the repository root):
//   dotnet run -c Release --project bench/SmpAftercare.DispatchBench -- [reminders=1000] [rounds=3]
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var root = FindRoot();
var work = Path.Combine(Path.GetTempPath(), "smp-dispatch-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(work);
var sinkOutput = Path.Combine(work, "smtp.jsonl");
var port = FreePort();
using var sink = Process.Start(new ProcessStartInfo("/usr/bin/python3")
{
    ArgumentList = { Path.Combine(root, "tests", "SmpAftercare.Web.Tests", "Reminders", "smtp_sink.py"), "--port", port.ToString(CultureInfo.InvariantCulture), "--out", sinkOutput },
    RedirectStandardOutput = true,
    UseShellExecute = false,
})!;
Console.WriteLine(await sink.StandardOutput.ReadLineAsync());
Console.WriteLine($"{count} reminders, {rounds} rounds, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, load {File.ReadAllText("/proc/loadavg").Trim()}");

try
{
    var results = new List<(double Dispatcher, double Baseline)>();
    for (var round = 1; round <= rounds; round++)
    {
        results.Add(await RoundAsync(round));
    }

    var best = results.MaxBy(r => r.Dispatcher);
    Console.WriteLine($"median: dispatcher {Median(results.Select(r => r.Dispatcher)):F0}/s, plain MailKit {Median(results.Select(r => r.Baseline)):F0}/s, ratio {Median(results.Select(r => r.Dispatcher / r.Baseline)):F2}");
}
finally
{
    sink.Kill();
    Directory.Delete(work, recursive: true);
}

return 0;

async Task<(double Dispatcher, double Baseline)> RoundAsync(int round)
{
    var clock = new BenchClock(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
    var data = Path.Combine(work, $"round{round}");
    Directory.CreateDirectory(data);
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
    builder.Logging.ClearProviders();
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(data, "app.db")}",
        ["DataDirectory"] = data,
        ["PublicBaseUrl"] = "https://bench.example",
        ["Reminders:DispatchEnabled"] = "false",
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["Smtp:From"] = "reminders@bench.example",
    });
    builder.AddSmpAftercare();
    builder.Services.RemoveAll<TimeProvider>();
    builder.Services.AddSingleton<TimeProvider>(clock);
    await using var app = builder.Build();
    await app.Services.InitialiseDatabaseAsync();

    // Warm-up (JIT, connection pools, the clinic cache): 50 reminders a day earlier, the rest of their plan dropped.
    var clinic = await SeedClinicAsync(app.Services, clock);
    var warmUp = await SeedClientsAsync(app.Services, clinic, clock, 50, "warm", new DateTime(2026, 3, 1, 10, 0, 0));
    clock.Now = new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.Zero);
    await DispatchAsync(app.Services);
    await WithDbAsync(app.Services, db => db.Reminders.IgnoreQueryFilters().Where(r => warmUp.Contains(r.ClientId) && r.Status == ReminderStatus.Pending).ExecuteDeleteAsync());

    await SeedClientsAsync(app.Services, clinic, clock, count, $"r{round}", new DateTime(2026, 3, 2, 10, 0, 0));
    clock.Now = new DateTimeOffset(2026, 3, 6, 9, 0, 0, TimeSpan.Zero);
    var before = Received();

    var watch = Stopwatch.StartNew();
    var report = await DispatchAsync(app.Services);
    watch.Stop();
    var dispatched = count / watch.Elapsed.TotalSeconds;
    if (report.Sent != count || Received() - before != count)
    {
        throw new InvalidOperationException($"Dispatched {report.Sent}, server received {Received() - before}, expected {count}.");
    }

    // The same messages, built by the same code, sent by a bare MailKit client on one connection.
    var messages = await WithDbAsync(app.Services, async db => (await db.Reminders.IgnoreQueryFilters().AsNoTracking()
        .Where(r => r.Status == ReminderStatus.Sent && r.SentAtUtc >= clock.Now.UtcDateTime).ToListAsync())
        .Select(r => ReminderEmail.TryBuild(new OutgoingMessage(r.Id, r.Recipient!, r.Subject, r.Body.Replace(ReminderMessage.PersonalLinkSlot, "https://bench.example/c/x", StringComparison.Ordinal),
            clinic.Name, clinic.ContactEmail, r.OptOutToken, "https://bench.example/c/x"), "reminders@bench.example", $"https://bench.example/stop/{r.OptOutToken}", out _)!)
        .ToList());
    before = Received();
    watch.Restart();
    using (var client = new SmtpClient())
    {
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        foreach (var message in messages)
        {
            await client.SendAsync(message);
        }

        await client.DisconnectAsync(quit: true);
    }

    watch.Stop();
    var baseline = messages.Count / watch.Elapsed.TotalSeconds;
    if (Received() - before != messages.Count)
    {
        throw new InvalidOperationException("The plain client's messages did not all arrive.");
    }

    foreach (var message in messages)
    {
        message.Dispose();
    }

    Console.WriteLine($"round {round}: dispatcher {count} in {count / dispatched * 1000:F0} ms = {dispatched:F0}/s; plain MailKit {messages.Count} in {messages.Count / baseline * 1000:F0} ms = {baseline:F0}/s; ratio {dispatched / baseline:F2}");
    return (dispatched, baseline);
}

static async Task<DispatchReport> DispatchAsync(IServiceProvider services)
{
    await using var scope = services.CreateAsyncScope();
    return await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().RunOnceAsync();
}

static async Task<T> WithDbAsync<T>(IServiceProvider services, Func<AppDbContext, Task<T>> work)
{
    await using var scope = services.CreateAsyncScope();
    return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
}

static async Task<Clinic> SeedClinicAsync(IServiceProvider services, TimeProvider clock) =>
    await WithDbAsync(services, async db =>
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var clinic = Clinic.Create(new ClinicDetails("Northside SMP", "Europe/London", "en-GB", "+44 20 7946 0000", "hello@example.com", "1 High Street"), now);
        db.Clinics.Add(clinic);
        db.ProtocolVersions.Add(ProtocolVersion.Initial(clinic.Id, "bench", now));
        await db.SaveChangesAsync();
        return clinic;
    });

static async Task<HashSet<Guid>> SeedClientsAsync(IServiceProvider services, Clinic clinic, TimeProvider clock, int count, string tag, DateTime sessionLocal)
{
    await using var scope = services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    var outbox = scope.ServiceProvider.GetRequiredService<ReminderOutbox>();
    var tracked = await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == clinic.Id);
    var protocol = await db.ProtocolVersions.IgnoreQueryFilters().Where(p => p.ClinicId == clinic.Id).Select(p => p.Id).SingleAsync();
    var now = clock.GetUtcNow();
    var ids = new HashSet<Guid>();
    for (var i = 0; i < count; i++)
    {
        var client = Client.Create(clinic.Id, new ClientDetails($"Bench Client {tag}-{i}", $"{tag}-{i}@bench.example", null, ContactChannel.Email, true, false,
            null, null, false, null), "GB", now.UtcDateTime);
        db.Clients.Add(client);
        db.Sessions.Add(TreatmentSession.Log(client, protocol,
            new SessionDetails(tracked.TimeZone.ToInstant(sessionLocal), null, "Tess", false, null, null, null, null), [], now.UtcDateTime));
        await outbox.RecomputeAsync(db, tracked, client.Id, now);
        ids.Add(client.Id);
    }

    await db.SaveChangesAsync();
    return ids;
}

int Received() => File.ReadLines(sinkOutput).Count();

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "SmpAftercare.sln")))
        {
            return dir.FullName;
        }
    }

    throw new DirectoryNotFoundException("Run from inside the repository.");
}

/// <summary>The dispatcher decides by the app's clock: the bench sets it to a clinic's sending morning.</summary>
internal sealed class BenchClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
