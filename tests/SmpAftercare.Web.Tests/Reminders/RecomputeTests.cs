using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Tests.Infrastructure;
using static SmpAftercare.Web.Tests.Reminders.ReminderScenario;

namespace SmpAftercare.Web.Tests.Reminders;

/// <summary>ReminderOutbox.RecomputeAsync, as the session pages call it: inside the unit of work of the change.</summary>
public abstract class RecomputeTests(PostgresServer? postgres) : IDisposable
{
    private readonly ReminderApp _app = new(smtp: null, postgres: postgres);

    [Fact]
    public async Task LogSession_PlansOneReminderPerMilestoneDayAndConsentedChannel()
    {
        var scenario = await StartAsync(_app);
        var both = await scenario.ClientAsync(phone: "+447700900123", smsConsent: true);
        var emailOnly = await scenario.ClientAsync(email: "em@example.com", name: "Em Only");

        await scenario.LogSessionAsync(both.Id, "2026-03-02 10:00");
        await scenario.LogSessionAsync(emailOnly.Id, "2026-03-02 11:00");

        var reminders = await _app.RemindersAsync(both.Id);
        Assert.Equal(10, reminders.Count);
        Assert.Equal(5, reminders.Count(r => r.Channel == ContactChannel.Sms));
        Assert.All(reminders, r => Assert.Equal(ReminderStatus.Pending, r.Status));
        Assert.Equal([Date("2026-03-06"), Date("2026-03-07"), Date("2026-03-09"), Date("2026-03-12"), Date("2026-03-16")],
            reminders.Where(r => r.Channel == ContactChannel.Email).Select(r => r.AnnouncedDate));
        Assert.Equal(new DateTime(2026, 3, 6, 9, 0, 0, DateTimeKind.Utc), reminders[0].DueAtUtc);
        Assert.Equal(5, (await _app.RemindersAsync(emailOnly.Id)).Count);
        Assert.All(await _app.RemindersAsync(emailOnly.Id), r => Assert.Equal(ContactChannel.Email, r.Channel));
    }

    [Fact]
    public async Task Messages_NameTheClinicAndCarryTheTimelineAndOptOutLinks()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync(phone: "+447700900123", smsConsent: true);

        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");

        var reminders = await _app.RemindersAsync(client.Id);
        Assert.All(reminders, r =>
        {
            Assert.Contains("Northside SMP", r.Body, StringComparison.Ordinal);
            Assert.Contains(ReminderMessage.PersonalLinkSlot, r.Body, StringComparison.Ordinal);
            Assert.Contains($"{ReminderApp.BaseUrl}/stop/{r.OptOutToken}", r.Body, StringComparison.Ordinal);
        });
        Assert.Equal(reminders.Count, reminders.Select(r => r.OptOutToken).Distinct().Count());
        var wetting = reminders.First(r => r.Channel == ContactChannel.Email);
        Assert.Equal("Northside SMP: your aftercare changes today", wetting.Subject);
        Assert.Contains("Soap, shampoo and conditioner: not until Thursday 12 March", wetting.Body, StringComparison.Ordinal);
    }

    /// <summary>Issue 13: never "you can go to the gym again" while sweating is still out.</summary>
    [Fact]
    public async Task GymReminder_ComesWithSweating_AndEarlierOnesSayTheGymIsStillOut()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync();

        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");

        var milestones = (await _app.RemindersAsync(client.Id)).Where(r => r.Kind == ReminderKind.Milestone).ToList();
        var gym = Assert.Single(milestones, r => r.Body.Contains("You can go back to heavy exercise", StringComparison.Ordinal));
        Assert.Equal(Date("2026-03-09"), gym.AnnouncedDate); // day 7, when sweating is allowed again
        var earlier = milestones.Where(r => r.AnnouncedDate < gym.AnnouncedDate).ToList();
        Assert.NotEmpty(earlier);
        Assert.All(earlier, r => Assert.Contains("Heavy exercise: not until Monday 9 March", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EditSession_MovesThePendingReminders()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync();
        var session = await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");

        var result = await scenario.MoveSessionAsync(client.Id, session, "2026-03-04 10:00");

        Assert.Equal([Date("2026-03-08"), Date("2026-03-09"), Date("2026-03-11"), Date("2026-03-14"), Date("2026-03-18")],
            (await _app.RemindersAsync(client.Id)).Select(r => r.AnnouncedDate));
        // Mar 9 was planned before (sun) and still is (shaving now): the same row is rewritten.
        Assert.Equal((4, 1, 4), (result.Added, result.Updated, result.Removed));
    }

    [Fact]
    public async Task EditSession_ToFinal_AddsTheFinalSessionMilestones()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync();
        var session = await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");

        await scenario.MoveSessionAsync(client.Id, session, "2026-03-02 10:00", final: true);

        var reminders = await _app.RemindersAsync(client.Id);
        Assert.Equal([Date("2026-03-06"), Date("2026-03-07"), Date("2026-03-12"), Date("2026-03-16"), Date("2026-04-01")], reminders.Select(r => r.AnnouncedDate));
        // 1 April is after the clocks change: 09:00 in London is 08:00 UTC.
        Assert.Equal(new DateTime(2026, 4, 1, 8, 0, 0, DateTimeKind.Utc), reminders[^1].DueAtUtc);
        Assert.Contains("Use sunscreen", reminders[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteSession_RemovesPendingReminders_KeepsSentOnesAsHistory()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync();
        var session = await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        _app.Clock.Set(Local("2026-03-06 09:30"));
        await _app.DispatchAsync();

        var result = await scenario.DeleteSessionAsync(client.Id, session);

        var left = Assert.Single(await _app.RemindersAsync(client.Id));
        Assert.Equal((ReminderStatus.Sent, Date("2026-03-06")), (left.Status, left.AnnouncedDate));
        Assert.Equal(4, result.Removed);
    }

    [Fact]
    public async Task SecondSession_ReplansAroundIt_SentHistoryIsNotRepeated()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync();
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        foreach (var morning in new[] { "2026-03-06 09:30", "2026-03-07 09:30", "2026-03-09 09:30" })
        {
            _app.Clock.Set(Local(morning));
            await _app.DispatchAsync();
        }

        await scenario.LogSessionAsync(client.Id, "2026-03-09 11:00", final: true);

        var reminders = await _app.RemindersAsync(client.Id);
        Assert.Equal(3, reminders.Count(r => r.Status == ReminderStatus.Sent));
        // The final session keeps soap off until 19 March: the 12 March message is gone, the new dates planned.
        Assert.Equal([Date("2026-03-13"), Date("2026-03-14"), Date("2026-03-19"), Date("2026-03-23"), Date("2026-04-08")],
            reminders.Where(r => r.Status == ReminderStatus.Pending).Select(r => r.AnnouncedDate));
    }

    [Fact]
    public async Task Recompute_Twice_ChangesNothingTheSecondTime()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync(phone: "+447700900123", smsConsent: true);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        var before = await _app.RemindersAsync(client.Id);

        var again = await _app.ChangeAsync(scenario.Clinic.Id, client.Id, _ => Task.CompletedTask);

        Assert.Equal(RecomputeResult.None, again);
        Assert.Equal(before.Select(r => (r.Id, r.Body, r.DueAtUtc)), (await _app.RemindersAsync(client.Id)).Select(r => (r.Id, r.Body, r.DueAtUtc)));
    }

    [Fact]
    public async Task Recompute_WithoutTheCallersSave_WritesNothing()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync();

        var result = await _app.ChangeAsync(scenario.Clinic.Id, client.Id, async db =>
        {
            var tracked = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == client.Id);
            db.Sessions.Add(TreatmentSession.Log(tracked, scenario.Clinic.ProtocolVersionId,
                new SessionDetails(Local("2026-03-02 10:00"), null, "Tess", false, null, null, null, null), [], _app.Clock.GetUtcNow().UtcDateTime));
        }, save: false);

        Assert.Equal(5, result.Added);
        Assert.Empty(await _app.RemindersAsync(client.Id));
    }

    [Fact]
    public async Task ConsentWithdrawn_RemovesThatChannelsPendingRemindersOnly()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync(phone: "+447700900123", smsConsent: true);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");

        await scenario.UpdateClientAsync(client.Id, d => d with { SmsConsent = false });

        Assert.All(await _app.RemindersAsync(client.Id), r => Assert.Equal(ContactChannel.Email, r.Channel));
        Assert.Equal(5, (await _app.RemindersAsync(client.Id)).Count);
    }

    [Fact]
    public async Task PlannedNextSession_AddsTheDayBeforeReminder_AndHoldsBackLaterMilestones()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync();
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");

        await scenario.UpdateClientAsync(client.Id, d => d with { PlannedNextSession = Date("2026-03-16") });

        var reminders = await _app.RemindersAsync(client.Id);
        var next = Assert.Single(reminders, r => r.Kind == ReminderKind.NextSession);
        Assert.Equal((Date("2026-03-16"), new DateTime(2026, 3, 15, 9, 0, 0, DateTimeKind.Utc)), (next.AnnouncedDate, next.DueAtUtc));
        Assert.Contains("is tomorrow, Monday 16 March", next.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(reminders, r => r.Kind == ReminderKind.Milestone && r.AnnouncedDate >= Date("2026-03-16"));
    }

    [Fact]
    public async Task ArchivedClient_LosesPendingReminders()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync();
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");

        await _app.ChangeAsync(scenario.Clinic.Id, client.Id, async db =>
            (await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == client.Id)).Archive(_app.Clock.GetUtcNow().UtcDateTime));

        Assert.Empty(await _app.RemindersAsync(client.Id));
    }

    [Fact]
    public async Task NoEmailOrPhone_PlansNothing()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync(email: null, emailConsent: false);

        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");

        Assert.Empty(await _app.RemindersAsync(client.Id));
    }

    [Fact]
    public async Task NewClientWithAPlannedSession_InTheSameUnitOfWork_GetsTheReminder_EvenRecomputedTwice()
    {
        var scenario = await StartAsync(_app);
        var client = Client.Create(scenario.Clinic.Id, new ClientDetails("New Client", "new@example.com", null, ContactChannel.Email, true, false,
            null, null, false, null, Date("2026-03-10")), "GB", _app.Clock.GetUtcNow().UtcDateTime);

        await _app.ChangeAsync(scenario.Clinic.Id, client.Id, async db =>
        {
            db.Clients.Add(client);
            // As a page that recomputes, then recomputes again before its single save.
            var clinic = await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == scenario.Clinic.Id);
            using var scope = _app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<ReminderOutbox>().RecomputeAsync(db, clinic, client.Id, _app.Clock.GetUtcNow());
        });

        var reminder = Assert.Single(await _app.RemindersAsync(client.Id));
        Assert.Equal((ReminderKind.NextSession, Date("2026-03-10")), (reminder.Kind, reminder.AnnouncedDate));
    }

    public void Dispose() => _app.Dispose();
}
