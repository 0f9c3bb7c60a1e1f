using SmpAftercare.Domain.Reminders;
using SmpAftercare.Web.Tests.Reminders;
using static SmpAftercare.Web.Tests.Reminders.ReminderScenario;

namespace SmpAftercare.Web.Tests.CheckIns;

/// <summary>Check-in invitations through the real outbox and SMTP server, driven by the test clock.</summary>
public sealed class CheckInReminderTests(SmtpSink smtp) : IClassFixture<SmtpSink>, IDisposable
{
    private const string Subject = "Northside SMP: how is your scalp healing?";
    private readonly ReminderApp _app = new(smtp);

    [Fact]
    public async Task CheckInDays_EachInviteOnce_EvenWhenDispatchedAndReplannedAgain()
    {
        var scenario = await StartAsync(_app, checkInInvitations: true);
        var email = $"checkin-{Guid.NewGuid():N}@example.com";
        var client = await scenario.ClientAsync(email);
        // A final session on Monday 2 March: check-in days 3, 7 and 30 are 5 March, 9 March and 1 April.
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00", final: true);

        var planned = (await _app.RemindersAsync(client.Id)).Where(r => r.Kind == ReminderKind.CheckIn).Select(r => r.AnnouncedDate).ToList();
        Assert.Equal([Date("2026-03-05"), Date("2026-03-09"), Date("2026-04-01")], planned);

        _app.Clock.Set(Local("2026-03-05 08:59"));
        await _app.DispatchAsync();
        Assert.DoesNotContain(smtp.To(email), m => m.Subject == Subject);

        _app.Clock.Set(Local("2026-03-05 09:00"));
        await _app.DispatchAsync();
        await _app.DispatchAsync();
        // Staff change the client's details: the outbox replans, and a sent invitation is history, not plan.
        await scenario.UpdateClientAsync(client.Id, d => d with { FullName = "Sam Client-Jones" });
        _app.Clock.Set(Local("2026-03-05 15:00"));
        await _app.DispatchAsync();

        var invitation = Assert.Single(smtp.To(email), m => m.Subject == Subject);
        Assert.Contains("How is your scalp healing today?", invitation.Body, StringComparison.Ordinal);
        Assert.Contains($"{ReminderApp.BaseUrl}/c/", invitation.Body, StringComparison.Ordinal);

        _app.Clock.Set(Local("2026-03-09 09:00"));
        await _app.DispatchAsync();
        await _app.DispatchAsync();
        Assert.Equal(2, smtp.To(email).Count(m => m.Subject == Subject));
    }

    [Fact]
    public async Task NoConsent_NoInvitation()
    {
        var scenario = await StartAsync(_app, checkInInvitations: true);
        var client = await scenario.ClientAsync($"quiet-{Guid.NewGuid():N}@example.com", emailConsent: false);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00", final: true);

        Assert.DoesNotContain(await _app.RemindersAsync(client.Id), r => r.Kind == ReminderKind.CheckIn);
    }

    public void Dispose() => _app.Dispose();
}
