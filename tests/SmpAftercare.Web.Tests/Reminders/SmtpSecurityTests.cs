using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Web.Features.Reminders;
using static SmpAftercare.Web.Tests.Reminders.ReminderScenario;

namespace SmpAftercare.Web.Tests.Reminders;

/// <summary>STARTTLS, implicit TLS and sign-in against a real SMTP server with a certificate made for the test.</summary>
public sealed class SmtpSecurityTests
{
    private const string User = "clinic-relay";
    private const string Password = "correct-horse-battery";

    [Theory]
    [InlineData(SmtpSink.TlsMode.StartTls, "StartTls")]
    [InlineData(SmtpSink.TlsMode.Implicit, "Tls")]
    public async Task EncryptedAndSignedIn_ReminderIsDelivered(SmtpSink.TlsMode mode, string security)
    {
        await using var sink = await StartAsync(mode);
        using var app = App(sink, security, Password, trustTheTestCertificate: true);

        var (report, reminder, email) = await DispatchOneAsync(app);

        Assert.Equal(1, report.Sent);
        var mail = Assert.Single(sink.To(email));
        Assert.True(mail.Tls);
        Assert.Equal(User, mail.Login);
        Assert.Equal(ReminderStatus.Sent, reminder.Status);
    }

    [Fact]
    public async Task UntrustedCertificate_IsRefusedByDefault_AndRetriedLater()
    {
        await using var sink = await StartAsync(SmtpSink.TlsMode.Implicit);
        using var app = App(sink, "Tls", Password, trustTheTestCertificate: false);

        var (report, reminder, email) = await DispatchOneAsync(app);

        Assert.Equal((0, 1), (report.Sent, report.Retrying));
        Assert.Empty(sink.To(email));
        Assert.Equal(ReminderStatus.Pending, reminder.Status);
        Assert.Contains("certificate", reminder.LastError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WrongPassword_IsATransientFailureThatSaysSo()
    {
        await using var sink = await StartAsync(SmtpSink.TlsMode.StartTls);
        using var app = App(sink, "StartTls", "wrong-password", trustTheTestCertificate: true);

        var (report, reminder, email) = await DispatchOneAsync(app);

        Assert.Equal(1, report.Retrying);
        Assert.Empty(sink.To(email));
        Assert.Contains("refused the sign-in", reminder.LastError, StringComparison.Ordinal);
    }

    private static async Task<SmtpSink> StartAsync(SmtpSink.TlsMode mode)
    {
        var sink = new SmtpSink(mode, $"{User}:{Password}");
        await sink.InitializeAsync();
        return sink;
    }

    private static ReminderApp App(SmtpSink sink, string security, string password, bool trustTheTestCertificate) =>
        new(sink, new Dictionary<string, string?>
        {
            ["Smtp:Security"] = security,
            ["Smtp:UserName"] = User,
            ["Smtp:Password"] = password,
        }, services =>
        {
            if (trustTheTestCertificate)
            {
                // Only this certificate, compared by its hash: the production default (null) validates normally.
                services.PostConfigure<SmtpOptions>(o => o.ServerCertificateValidation =
                    (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == sink.Certificate!.Thumbprint);
            }
        });

    private static async Task<(DispatchReport Report, Reminder Reminder, string Email)> DispatchOneAsync(ReminderApp app)
    {
        var scenario = await ReminderScenario.StartAsync(app);
        var email = $"tls-{Guid.NewGuid():N}@example.com";
        var client = await scenario.ClientAsync(email);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        app.Clock.Set(Local("2026-03-06 09:00"));
        var report = await app.DispatchAsync();
        return (report, (await app.RemindersAsync(client.Id))[0], email);
    }
}
