using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Data;
using Xunit.Abstractions;

namespace SmpAftercare.Web.Tests.Reminders;

/// <summary>
/// The app as its own process (the built SmpAftercare.Web.dll, real clock, Hangfire's recurring dispatch every second) is
/// killed with SIGKILL in the middle of a batch of 200 due reminders and started again. Every reminder must
/// arrive; only one whose hand-over was in flight at the kill may arrive twice.
/// </summary>
public sealed class CrashTests(SmtpSink smtp, ITestOutputHelper output) : IClassFixture<SmtpSink>, IDisposable
{
    private const int Count = 200;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smp-tests", "crash-" + Guid.NewGuid().ToString("N"));
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];
    private readonly List<Process> _processes = [];

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, "app.db") }.ToString();

    [Fact]
    public async Task KilledMidBatch_AndRestarted_DeliversEveryReminder_OnlyTheInFlightOneTwice()
    {
        Directory.CreateDirectory(_dir);
        await SeedAsync();

        var first = Start();
        var killedAfter = await WaitForMailsAsync(n => n >= 60, TimeSpan.FromSeconds(60), first);
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();
        var atKill = Mine();
        var (inFlight, sentBeforeRestart) = await WithDbAsync(async db =>
        {
            var rows = await db.Reminders.IgnoreQueryFilters().AsNoTracking().ToListAsync();
            return (rows.Where(r => r.Status == ReminderStatus.Sending).Select(r => r.Id.ToString()).ToHashSet(),
                rows.Count(r => r.Status == ReminderStatus.Sent));
        });

        var second = Start();
        await WaitAsync(async () => await WithDbAsync(db => db.Reminders.IgnoreQueryFilters().CountAsync(r => r.Status == ReminderStatus.Sent)) == Count,
            TimeSpan.FromSeconds(60), second);
        second.Kill(entireProcessTree: true);
        await second.WaitForExitAsync();

        var mails = Mine();
        var byReminder = mails.GroupBy(m => m.Reminder!).ToDictionary(g => g.Key, g => g.Count());
        var duplicates = byReminder.Where(kv => kv.Value > 1).Select(kv => kv.Key).ToList();
        var firstRun = atKill.OrderBy(m => m.At).ToList();
        var rate = (firstRun.Count - 1) / (firstRun[^1].At - firstRun[0].At);
        var summary = $"{Count} due; killed (SIGKILL) after {killedAfter} received, {atKill.Count} received by the kill, {sentBeforeRestart} recorded sent, " +
                      $"{inFlight.Count} in flight (Sending); after restart {mails.Count} received for {byReminder.Count} reminders, " +
                      $"{duplicates.Count} duplicate(s) [{string.Join(", ", duplicates)}]; first-process dispatch rate {rate:F1}/s";
        output.WriteLine(summary);
        Metrics.Write("crash test", summary);

        Assert.Equal(Count, byReminder.Count);
        Assert.All(await WithDbAsync(db => db.Reminders.IgnoreQueryFilters().AsNoTracking().ToListAsync()), r => Assert.Equal(ReminderStatus.Sent, r.Status));
        Assert.True(inFlight.Count <= 1, $"The dispatcher sends one at a time, yet {inFlight.Count} rows were in flight.");
        Assert.All(duplicates, id => Assert.Contains(id, inFlight));
        Assert.All(byReminder.Values, n => Assert.InRange(n, 1, 2));
    }

    /// <summary>A clinic whose day is well inside its 00:00-23:59 window right now, and 200 reminders due a minute ago.</summary>
    private async Task SeedAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        // Etc/GMT-N is UTC+N: pick the zone where it is around noon, so the test never straddles a local midnight.
        var offset = Math.Clamp(12 - now.UtcDateTime.Hour, -12, 14);
        var zone = offset == 0 ? "Etc/UTC" : $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}";
        await WithDbAsync(async db =>
        {
            await db.Database.MigrateAsync();
            var clinic = Clinic.Create(new ClinicDetails("Crash Test SMP", zone, "en-GB", null, "desk@crash.example.com", null), now.UtcDateTime);
            clinic.ChangeReminderWindow(new TimeOnly(0, 0), new TimeOnly(23, 59));
            db.Clinics.Add(clinic);
            var today = clinic.TimeZone.DateOf(now);
            for (var i = 0; i < Count; i++)
            {
                var client = Client.Create(clinic.Id, new ClientDetails($"Client {i:D3}", $"crash{i:D3}-{_tag}@example.com", null, ContactChannel.Email,
                    true, false, null, null, false, null), "GB", now.UtcDateTime);
                db.Clients.Add(client);
                var planned = new PlannedReminder(ReminderKind.Milestone, today, today, now.AddMinutes(-1), [SmpAftercare.Domain.Aftercare.Activity.Wetting], [], []);
                db.Reminders.Add(Reminder.Plan(clinic.Id, client.Id, ContactChannel.Email, planned,
                    new ComposedMessage($"Reminder {i:D3}", $"Crash Test SMP: from today you can rinse your scalp. ({i:D3})"), OptOutTokens.New(), now.UtcDateTime));
            }

            return await db.SaveChangesAsync();
        });
    }

    private Process Start()
    {
        var dll = RepoPaths.WebDll;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        env["ConnectionStrings__Default"] = ConnectionString;
        env["DataDirectory"] = _dir;
        env["PublicBaseUrl"] = "https://crash.test";
        env["Smtp__Host"] = "127.0.0.1";
        env["Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
        env["Smtp__From"] = "reminders@crash.test";
        env["Reminders__DispatchIntervalSeconds"] = "1";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Logging__LogLevel__SmpAftercare"] = "Information";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        _logs[process] = log;
        return process;
    }

    private readonly Dictionary<Process, StringBuilder> _logs = [];

    private List<ReceivedMail> Mine() =>
        [.. smtp.Messages().Where(m => m.To.Any(t => t.EndsWith($"-{_tag}@example.com", StringComparison.Ordinal)))];

    private async Task<int> WaitForMailsAsync(Func<int, bool> enough, TimeSpan timeout, Process process)
    {
        var count = 0;
        await WaitAsync(() => Task.FromResult(enough(count = Mine().Count)), timeout, process, pollMilliseconds: 2);
        return count;
    }

    /// <summary>
    /// Gives up when no message has arrived for <paramref name="timeout"/>, or after five minutes: on the shared
    /// test machine the app can be slow, but a working dispatcher is never silent that long.
    /// </summary>
    private async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, Process process, int pollMilliseconds = 50)
    {
        var watch = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var (received, checkedAt) = (Mine().Count, TimeSpan.Zero);
        while (!await condition())
        {
            if (watch.Elapsed - checkedAt > TimeSpan.FromSeconds(1))
            {
                var now = Mine().Count;
                if (now != received)
                {
                    quiet.Restart();
                }

                (received, checkedAt) = (now, watch.Elapsed);
            }

            if (process.HasExited || quiet.Elapsed > timeout || watch.Elapsed > TimeSpan.FromMinutes(5))
            {
                string log;
                lock (_logs[process])
                {
                    log = _logs[process].ToString();
                }

                throw new TimeoutException($"Gave up after {watch.Elapsed.TotalSeconds:F0} s, {quiet.Elapsed.TotalSeconds:F0} s without a new message (app exited: {process.HasExited}). App output:\n{log}");
            }

            // Polling a real process and a real file; nothing here stands in for time logic.
            await Task.Delay(pollMilliseconds);
        }
    }

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var db = new AppDbContext((DbContextOptions<AppDbContext>)new DbContextOptionsBuilder<AppDbContext>().Use(DatabaseProvider.Sqlite, ConnectionString).Options, new NoClinic());
        return await query(db);
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean: a file may still be held by the dying process.
        }
    }

    private sealed class NoClinic : ICurrentClinic
    {
        public Guid? ClinicId => null;
    }
}
