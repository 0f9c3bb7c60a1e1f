using System.Net;
using System.Text.RegularExpressions;
using Bunit;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Features.ClientLink;
using SmpAftercare.Web.Features.Clients;
using SmpAftercare.Web.Tests.Infrastructure;
using SmpAftercare.Web.Tests.Reminders;

namespace SmpAftercare.Web.Tests.Components;

/// <summary>The app for the link card's "Email it": its mail goes to a real SMTP server process (SmtpSink).</summary>
public sealed class MailCardApp : ComponentApp
{
    public MailCardApp()
        : this(Started(new SmtpSink()))
    {
    }

    private MailCardApp(SmtpSink smtp)
        : base(new ReminderApp(smtp)) => Smtp = smtp;

    public SmtpSink Smtp { get; }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    // The app reads the sink's port when it starts, so the sink runs first; off xunit's synchronisation context.
    private static SmtpSink Started(SmtpSink smtp)
    {
        Task.Run(smtp.InitializeAsync).GetAwaiter().GetResult();
        return smtp;
    }
}

/// <summary>
/// Staff email a client their personal link: the email carries an opt-out that works although the client has no
/// reminder planned (it used to borrow a reminder's, and without one it led to "not found"; docs/decisions/0019).
/// </summary>
public sealed class LinkEmailOptOutTests(MailCardApp fixture) : StaffComponentTest(fixture), IClassFixture<MailCardApp>
{
    private readonly MailCardApp _fixture = fixture;

    /// <summary>A client with an email address and no session, so no reminder; the link emailed from their card.</summary>
    private async Task<(Guid ClientId, ReceivedMail Mail, string OptOutPath)> EmailTheLinkAsync()
    {
        var email = $"planless-{Guid.NewGuid():N}@example.com";
        var seeded = await App.Client(Clinic).Named("Noa Planless").WithContact(email, null).SaveAsync();
        Assert.Equal(0, await App.WithDbAsync(db => db.Reminders.IgnoreQueryFilters().CountAsync(r => r.ClientId == seeded.Id)));
        var client = await App.WithDbAsync(db => db.Clients.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == seeded.Id));
        RenderProviders();
        var card = Render<ClientLinkCard>(p => p.Add(c => c.Client, client));
        card.WaitForAssertion(() => Assert.True(card.Instance.Loaded));
        await card.Find("[data-testid=create-link]").ClickAsync(new());
        card.WaitForAssertion(() => card.Find("[data-testid=send-email]"));

        await card.Find("[data-testid=send-email]").ClickAsync(new());

        card.WaitForAssertion(() => Assert.Contains($"Link emailed to {email}.", Snackbars.Markup, StringComparison.Ordinal));
        var mail = Assert.Single(_fixture.Smtp.To(email));
        // The mail client's own unsubscribe (RFC 2369, one-click per RFC 8058) and the line in the text: one address.
        var header = Regex.Match(mail.ListUnsubscribe ?? string.Empty, $"^<({Regex.Escape(ReminderApp.BaseUrl)}(/stop/[A-Za-z0-9_-]+))>$");
        Assert.True(header.Success, mail.ListUnsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", mail.ListUnsubscribePost);
        Assert.Contains($"Stop emails from Northside SMP: {header.Groups[1].Value}", mail.Body, StringComparison.Ordinal);
        return (seeded.Id, mail, header.Groups[2].Value);
    }

    private Task<bool> EmailConsentAsync(Guid clientId) =>
        App.WithDbAsync(async db => (await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == clientId)).EmailConsent);

    [Fact]
    public async Task TheEmailsUnsubscribeLink_OpensAPageWithOneButton_ThatSwitchesEmailsOff()
    {
        var (clientId, _, path) = await EmailTheLinkAsync();
        using var anonymous = App.Browser();

        var opened = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, opened.Status);
        Assert.Contains("Stop emails from Northside SMP?", opened.Text, StringComparison.Ordinal);
        Assert.Single(opened.Document.QuerySelectorAll("form[name=opt-out] button"));
        Assert.True(await EmailConsentAsync(clientId), "Opening the link must not switch anything off.");

        var pressed = await anonymous.SubmitAsync(opened, "opt-out");

        Assert.Equal(HttpStatusCode.SeeOther, pressed.Status);
        Assert.Contains("Email reminders switched off", (await anonymous.GetAsync(pressed.Location!)).Text, StringComparison.Ordinal);
        Assert.False(await EmailConsentAsync(clientId));
        var clientPage = Render<ClientPage>(p => p.Add(c => c.Id, clientId));
        clientPage.WaitForAssertion(() => Assert.Contains("Reminders: none possible (no consent)", clientPage.Find(".client-title").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheMailClientsOneClickUnsubscribe_SwitchesEmailsOff()
    {
        var (clientId, _, path) = await EmailTheLinkAsync();
        using var anonymous = App.Browser();

        using var oneClick = await anonymous.Client.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.False(await EmailConsentAsync(clientId));
    }
}
