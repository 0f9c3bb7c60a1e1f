using System.ComponentModel;
using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage;

namespace SmpAftercare.Web.Features.Reminders;

/// <summary>
/// The recurring dispatch (Hangfire, every <c>Reminders:DispatchIntervalSeconds</c>). One run at a time in the
/// whole installation: a run that finds the previous one still sending leaves the rows to it. Under that lock,
/// rows left in Sending belong to no living run (their process died between claim and outcome), so they go back
/// to the queue first. Running it twice is harmless: the lock, then each row's conditional claim, keep a reminder
/// from going out twice.
/// </summary>
public sealed partial class ReminderDispatchJob(JobStorage storage, ReminderDispatcher dispatcher, ILogger<ReminderDispatchJob> logger)
{
    public const string RecurringJobId = "reminder-dispatch";

    private const string LockResource = "smp:reminder-dispatch";

    /// <summary>
    /// The cron for an interval, when one fires evenly: seconds that divide a minute, or minutes that divide an hour.
    /// </summary>
    public static bool TryCron(int seconds, out string cron)
    {
        cron = seconds switch
        {
            >= 1 and < 60 when 60 % seconds == 0 => string.Create(CultureInfo.InvariantCulture, $"*/{seconds} * * * * *"),
            3600 => "0 0 * * * *",
            >= 60 and < 3600 when seconds % 60 == 0 && 60 % (seconds / 60) == 0 => string.Create(CultureInfo.InvariantCulture, $"0 */{seconds / 60} * * * *"),
            _ => string.Empty,
        };
        return cron.Length > 0;
    }

    public static string Cron(int seconds) =>
        TryCron(seconds, out var cron) ? cron : throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "No even schedule for this interval.");

    /// <summary>No automatic retry: the next occurrence is the retry, and a failed run stays visible on the dashboard.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Send the reminders that are due")]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        using var connection = storage.GetConnection();
        IDisposable held;
        try
        {
            held = connection.AcquireDistributedLock(LockResource, TimeSpan.Zero);
        }
        catch (Exception e) when (e is DistributedLockTimeoutException or PostgreSqlDistributedLockException)
        {
            LogStillRunning();
            return "Not run: the previous run is still sending.";
        }

        using (held)
        {
            var recovered = await dispatcher.RecoverInterruptedAsync(cancellationToken);
            var report = await dispatcher.RunOnceAsync(cancellationToken);
            return string.Create(CultureInfo.InvariantCulture,
                $"{report.Sent} sent, {report.Retrying} to retry, {report.Failed} failed, {report.Skipped} skipped, {report.Waiting} waiting for the sending window; {recovered} interrupted send(s) put back in the queue.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder dispatch not started: the previous run is still sending")]
    private partial void LogStillRunning();
}
