using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Tests.Infrastructure;
using SmpAftercare.Web.Tests.Reminders;

namespace SmpAftercare.Web.Tests.CheckIns;

/// <summary>
/// The clinic's alert email for a warning-sign check-in, received by a real SMTP server (the reminder tests' sink).
/// The clock stands at Mon 2 Mar 2026 10:00 in London, day 6 after the client's session on 24 Feb.
/// </summary>
public sealed class CheckInAlertEmailTests
{
    // The seeded clinic's address (AppFactory.SeedClinicAsync).
    private const string ClinicAddress = "hello@example.com";

    [Fact]
    public async Task WarningSign_TheClinicGetsOneEmail_WithNameDaySignsAndTheClientPage_AndARetriedPostSendsNoSecond()
    {
        // A sink of this test's own: every seeded clinic has the same address.
        await using var smtp = new SmtpSink();
        await smtp.InitializeAsync();
        await using var app = new ReminderApp(smtp);
        var clinic = await app.SeedClinicAsync();
        var client = await app.Client(clinic).Named("Robin Alert").WithSession("2026-02-24 10:00").SaveAsync();
        var token = await new LinkRows(app).AddAsync(clinic.Id, client.Id);
        using var phone = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });

        // The phone sends the form, and sends the very same post again (a retry after a dropped connection).
        using var form = await CheckInForm.FillAsync(phone, token, ["swelling", "flaking"], "Puffy above the left ear");
        var first = await phone.PostAsync($"/c/{token}", form);
        var retry = await phone.PostAsync($"/c/{token}", form);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(first.RequestMessage!.RequestUri, retry.RequestMessage!.RequestUri); // both answered with the one saved check-in
        Assert.Equal(1, await app.WithDbAsync(db => db.CheckIns.IgnoreQueryFilters().CountAsync(c => c.ClientId == client.Id)));
        var mail = Assert.Single(await MailsAsync(smtp, 1));
        Assert.Equal("Warning sign at a check-in: Robin Alert", mail.Subject);
        Assert.Contains("Robin Alert checked in on day 6 after session 1 with a warning sign:", mail.Body, StringComparison.Ordinal);
        Assert.Contains("- Swelling", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Flaking", mail.Body, StringComparison.Ordinal); // normal on day 6: not a warning
        Assert.Contains("Their note: \"Puffy above the left ear\"", mail.Body, StringComparison.Ordinal);
        Assert.Contains($"{ReminderApp.BaseUrl}/clients/{client.Id}", mail.Body, StringComparison.Ordinal);

        // A second, new warning check-in: its email is the second to arrive, so the retry queued none before it
        // (the alert emails leave in the order they were queued).
        var (next, _) = await CheckInForm.SendAsync(phone, token, ["allergy"], "Now it burns");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var mails = await MailsAsync(smtp, 2);
        Assert.Equal(2, mails.Count);
        Assert.Contains("Now it burns", mails[1].Body, StringComparison.Ordinal);
        Assert.Contains("- Strong itching, a rash, hives or burning", mails[1].Body, StringComparison.Ordinal);
    }

    /// <summary>The clinic's mails once <paramref name="count"/> have arrived (the alert leaves after the page has answered), or what came in 20 s.</summary>
    private static async Task<IReadOnlyList<ReceivedMail>> MailsAsync(SmtpSink smtp, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (smtp.To(ClinicAddress).Count < count && !timeout.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
        }

        return smtp.To(ClinicAddress);
    }
}
