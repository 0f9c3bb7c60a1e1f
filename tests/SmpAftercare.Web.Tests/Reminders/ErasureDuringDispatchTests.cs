using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Clients;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Reminders;

/// <summary>
/// Erasing clients while the dispatcher is in the middle of a run, against a real SMTP server. The erasures run at the
/// one moment that matters: the dispatcher has committed its claim of a reminder and is about to hand it over.
/// </summary>
public abstract class ErasureDuringDispatchTests(SmtpSink smtp, PostgresServer? postgres) : IClassFixture<SmtpSink>
{
    [Fact]
    public async Task ErasedMidRun_TheErasedClientGetsNothing_AndAClientWhoseReminderIsBeingSentIsKeptUntilItsOutcomeIsSaved()
    {
        var midRun = new AfterFirstClaim();
        using var app = new ReminderApp(smtp, services: s => s.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(midRun, midRun.Commits), ServiceLifetime.Singleton),
            postgres: postgres);
        var scenario = await ReminderScenario.StartAsync(app);
        var (ashEmail, boEmail) = ($"ash-{Guid.NewGuid():N}@example.com", $"bo-{Guid.NewGuid():N}@example.com");
        var ash = await scenario.ClientAsync(ashEmail, name: "Ash First");
        var bo = await scenario.ClientAsync(boEmail, name: "Bo Second");
        // One reminder each, both due; Ash's a minute earlier, so Ash's is claimed first.
        await DueReminderAsync(app, ash, minutesAgo: 2);
        await DueReminderAsync(app, bo, minutesAgo: 1);
        ErasureOutcome? ashWhileSending = null;
        ErasureOutcome? boMidRun = null;
        midRun.Then = async () =>
        {
            ashWhileSending = await EraseAsync(app, scenario.Clinic, ash.Id);
            boMidRun = await EraseAsync(app, scenario.Clinic, bo.Id);
        };

        var report = await app.DispatchAsync();

        Assert.Equal(ErasureResult.ReminderBeingSent, ashWhileSending?.Result);
        Assert.Equal(ErasureResult.Erased, boMidRun?.Result);
        Assert.Equal((1, 1), (report.Sent, report.TakenElsewhere));
        Assert.Single(smtp.To(ashEmail));
        Assert.Empty(smtp.To(boEmail));
        Assert.Empty(await app.RemindersAsync(bo.Id));

        // Ash's hand-over is recorded: now Ash's erasure goes through, and the next runs send nothing more.
        Assert.Equal(ErasureResult.Erased, (await EraseAsync(app, scenario.Clinic, ash.Id)).Result);
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await app.DispatchAsync()).Handled);
        Assert.Single(smtp.To(ashEmail));
    }

    private static async Task<ErasureOutcome> EraseAsync(ReminderApp app, TestClinic clinic, Guid clientId)
    {
        await using var db = app.ClinicDb(clinic.Id);
        return await app.Services.GetRequiredService<ClientErasure>().EraseAsync(db, clientId, clinic.Owner.Id, clinic.Owner.FullName);
    }

    private static Task<int> DueReminderAsync(ReminderApp app, Client client, int minutesAgo) => app.WithDbAsync(async db =>
    {
        var now = app.Clock.GetUtcNow();
        var clinic = await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == client.ClinicId);
        var today = clinic.TimeZone.DateOf(now);
        var planned = new PlannedReminder(ReminderKind.Milestone, today, today, now.AddMinutes(-minutesAgo), [Activity.Wetting], [], []);
        db.Reminders.Add(Reminder.Plan(client.ClinicId, client.Id, ContactChannel.Email, planned,
            new ComposedMessage($"For {client.FullName}", "Northside SMP: from today you can rinse your scalp."), OptOutTokens.New(), now.UtcDateTime));
        return await db.SaveChangesAsync();
    });

    /// <summary>Runs <see cref="Then"/> once: right after the dispatcher's first claim is committed, before the hand-over.</summary>
    private sealed class AfterFirstClaim : DbCommandInterceptor
    {
        private DbContext? _claimedBy;
        private int _fired;

        public AfterFirstClaim() => Commits = new CommitWatch(this);

        public Func<Task>? Then { get; set; }

        public DbTransactionInterceptor Commits { get; }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (result == 1 && command.CommandText.Contains("SET \"Status\" = 'Sending'", StringComparison.Ordinal))
            {
                _claimedBy ??= eventData.Context;
            }

            return ValueTask.FromResult(result);
        }

        private sealed class CommitWatch(AfterFirstClaim owner) : DbTransactionInterceptor
        {
            public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
            {
                if (owner._claimedBy is { } claimer && eventData.Context == claimer && owner.Then is { } then && Interlocked.Exchange(ref owner._fired, 1) == 0)
                {
                    await then();
                }
            }
        }
    }
}
