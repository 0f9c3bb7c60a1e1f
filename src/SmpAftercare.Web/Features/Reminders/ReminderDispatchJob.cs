using Quartz;

namespace SmpAftercare.Web.Features.Reminders;

/// <summary>
/// Runs the dispatcher on the configured interval. Never two at once: a run that outlasts the interval delays
/// the next one instead of racing it for the same rows.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReminderDispatchJob(ReminderDispatcher dispatcher) : IJob
{
    public static readonly JobKey Key = new("reminder-dispatch", "reminders");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await dispatcher.RunOnceAsync(cancellationToken);
}

/// <summary>
/// Puts reminders interrupted by a crash back in the queue before the scheduler starts (hosted services start
/// in registration order, and the scheduler waits for the application to have started).
/// </summary>
public sealed class ReminderRecovery(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().RecoverInterruptedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
