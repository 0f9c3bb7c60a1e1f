using System.Net;
using System.Net.Sockets;
using System.Text;
using Bunit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Web.Features.ClientLink;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Components;

/// <summary>
/// The app for the link card: its SMS gateway is a real HTTP listener on loopback that answers only when a test
/// lets it, so a test can look at the card while a send is still on its way.
/// </summary>
public sealed class LinkCardApp : ComponentApp
{
    private readonly SlowGateway _gateway;

    public LinkCardApp()
        : this(new SlowGateway())
    {
    }

    private LinkCardApp(SlowGateway gateway)
        : base(new GatewayApp(gateway.Url)) => _gateway = gateway;

    public SlowGateway Gateway => _gateway;

    public override async Task DisposeAsync()
    {
        _gateway.Dispose();
        await base.DisposeAsync();
    }

    private sealed class GatewayApp(string url) : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Sms:GatewayUrl", url);
            builder.UseSetting("PublicBaseUrl", "https://aftercare.example.com");
        }
    }
}

/// <summary>An SMS gateway that holds each request until <see cref="Release"/>; it records what it was sent.</summary>
public sealed class SlowGateway : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SlowGateway()
    {
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/send";
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public List<string> Received { get; } = [];

    public void Release() => _release.TrySetResult();

    public void HoldNext() => _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            using (client)
            {
                var stream = client.GetStream();
                var buffer = new byte[16384];
                var text = new StringBuilder();
                // Headers, then as much body as Content-Length says.
                while (true)
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        break;
                    }

                    text.Append(Encoding.UTF8.GetString(buffer, 0, read));
                    var all = text.ToString();
                    var end = all.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                    if (end >= 0)
                    {
                        var length = System.Text.RegularExpressions.Regex.Match(all, "(?i)content-length: *(\\d+)");
                        if (!length.Success || all.Length - end - 4 >= int.Parse(length.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
                        {
                            break;
                        }
                    }
                }

                lock (Received)
                {
                    Received.Add(text.ToString());
                }

                await _release.Task.WaitAsync(_stop.Token);
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), _stop.Token);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}

/// <summary>The personal link card on the client page (clinic in London, today Monday 2 March 2026).</summary>
public sealed class ClientLinkCardTests(LinkCardApp fixture) : StaffComponentTest(fixture), IClassFixture<LinkCardApp>
{
    private readonly LinkCardApp _fixture = fixture;

    private async Task<(SeededClient Client, IRenderedComponent<ClientLinkCard> Card)> RenderCardAsync(Func<ClientBuilder, ClientBuilder>? shape = null)
    {
        var seeded = await (shape ?? (b => b))(App.Client(Clinic).Named($"Card {Guid.NewGuid():N}"[..13]).WithSession("2026-03-02 09:00")).SaveAsync();
        var client = await App.WithDbAsync(db => db.Clients.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == seeded.Id));
        RenderProviders();
        var card = Render<ClientLinkCard>(p => p.Add(c => c.Client, client).Add(c => c.TimelineLastDay, new DateOnly(2026, 3, 16)));
        card.WaitForAssertion(() => Assert.True(card.Instance.Loaded));
        return (seeded, card);
    }

    private Task<List<Domain.Clients.ClientLink>> WorkingLinksAsync(Guid clientId) =>
        App.WithDbAsync(db => db.ClientLinks.IgnoreQueryFilters().Where(l => l.ClientId == clientId && l.RevokedAtUtc == null).ToListAsync());

    private Task<List<string>> AuditAsync(Guid clientId) =>
        App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.ClientId == clientId).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

    private static string ShownUrl(IRenderedComponent<ClientLinkCard> card) => card.Find("#client-link-url").GetAttribute("value")!;

    private static async Task<string> MakeLinkAsync(IRenderedComponent<ClientLinkCard> card)
    {
        await card.Find("[data-testid=create-link]").ClickAsync(new());
        card.WaitForAssertion(() => Assert.StartsWith("https://aftercare.example.com/c/", ShownUrl(card), StringComparison.Ordinal));
        return ShownUrl(card);
    }

    [Fact]
    public async Task MakeLink_ShowsTheLinkWithCopyAndQr_AndShowsTheSameOneAgainLater()
    {
        var (client, card) = await RenderCardAsync();
        Assert.Contains("No link yet", card.Find("[data-testid=no-link]").TextContent, StringComparison.Ordinal);

        var url = await MakeLinkAsync(card);

        card.WaitForAssertion(() => Assert.Contains("Link made.", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Contains("Works until Sunday, 14 June 2026", card.Find("[data-testid=link-status]").TextContent, StringComparison.Ordinal);
        await card.Find("[data-testid=toggle-qr]").ClickAsync(new());
        Assert.NotNull(card.Find("[data-testid=client-link-qr] svg"));
        Assert.Equal([ClientLinkAuditActions.Created], await AuditAsync(client.Id));

        // The page opened again shows the same link: it is stored encrypted, so it can be shown, copied and printed again.
        var again = Render<ClientLinkCard>(p => p.Add(c => c.Client, card.Instance.Client).Add(c => c.TimelineLastDay, new DateOnly(2026, 3, 16)));
        again.WaitForAssertion(() => Assert.Equal(url, ShownUrl(again)));
        Assert.Single(await WorkingLinksAsync(client.Id));
    }

    [Fact]
    public async Task Copy_HandsTheShownLinkToTheClipboardScript()
    {
        var (_, card) = await RenderCardAsync();
        var url = await MakeLinkAsync(card);
        var module = JSInterop.SetupModule("./Features/ClientLink/ClientLinkCard.razor.js");
        module.Setup<bool>("copy", url, "client-link-url").SetResult(true);

        await card.Find("[data-testid=copy-link]").ClickAsync(new());

        card.WaitForAssertion(() => Assert.Contains("Link copied.", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Single(module.Invocations, i => i.Identifier == "copy");
    }

    [Fact]
    public async Task Replace_AsksFirst_CancelKeepsTheLink_ConfirmStopsTheOldOneAndIsAudited()
    {
        var (client, card) = await RenderCardAsync();
        var first = await MakeLinkAsync(card);

        // The click waits for the answer to its question: it is awaited once the dialog is answered.
        var asking = card.Find("[data-testid=replace-link]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("Replace the personal link?", Dialogs.Markup, StringComparison.Ordinal));
        Assert.Contains("stops working at once", Dialogs.Markup, StringComparison.Ordinal);
        await Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep it").ClickAsync(new());
        await asking;
        Dialogs.WaitForAssertion(() => Assert.DoesNotContain("Replace the personal link?", Dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(first, ShownUrl(card));
        Assert.Equal(ClientLinkToken.Hash(first[^43..]), Assert.Single(await WorkingLinksAsync(client.Id)).TokenHash);

        asking = card.Find("[data-testid=replace-link]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("Replace link", Dialogs.Markup, StringComparison.Ordinal));
        await Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Replace link").ClickAsync(new());
        await asking;

        card.WaitForAssertion(() => Assert.NotEqual(first, ShownUrl(card)));
        card.WaitForAssertion(() => Assert.Contains("Link replaced.", Snackbars.Markup, StringComparison.Ordinal));
        var working = Assert.Single(await WorkingLinksAsync(client.Id));
        Assert.Equal(ClientLinkToken.Hash(ShownUrl(card)[^43..]), working.TokenHash);
        Assert.Equal(Clinic.Technician.FullName, working.CreatedBy);
        Assert.Equal([ClientLinkAuditActions.Created, ClientLinkAuditActions.Replaced], await AuditAsync(client.Id));
    }

    [Fact]
    public async Task SwitchOff_AsksFirst_ThenNoLinkWorks_IncludingOlderOnes()
    {
        var (client, card) = await RenderCardAsync();
        await MakeLinkAsync(card);
        var older = await new LinkRows(App).AddAsync(Clinic.Id, client.Id, older: true);
        var fresh = Render<ClientLinkCard>(p => p.Add(c => c.Client, card.Instance.Client).Add(c => c.TimelineLastDay, new DateOnly(2026, 3, 16)));
        fresh.WaitForAssertion(() => Assert.Contains("1 older link", fresh.Find("[data-testid=older-links]").TextContent, StringComparison.Ordinal));

        var asking = fresh.Find("[data-testid=revoke-link]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("Switch off the personal link?", Dialogs.Markup, StringComparison.Ordinal));
        await Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Switch off").ClickAsync(new());
        await asking;

        fresh.WaitForAssertion(() => Assert.NotNull(fresh.Find("[data-testid=no-link]")));
        Assert.Empty(await WorkingLinksAsync(client.Id));
        Assert.Empty(fresh.FindAll("[data-testid=older-links]"));
        Assert.Equal([ClientLinkAuditActions.Created, ClientLinkAuditActions.Revoked], await AuditAsync(client.Id));
        using var phone = App.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync($"/c/{older}")).StatusCode);
    }

    [Fact]
    public async Task TextIt_DisablesTheButtonsWhileSending_ThenSaysSentAndAudits()
    {
        var (client, card) = await RenderCardAsync(b => b.WithContact(null, "+447700900999"));
        var url = await MakeLinkAsync(card);
        _fixture.Gateway.HoldNext();

        var sending = card.Find("[data-testid=send-sms]").ClickAsync(new());

        // The gateway has not answered: every action on the card waits, a second click changes nothing.
        card.WaitForAssertion(() =>
        {
            Assert.True(card.Find("[data-testid=send-sms]").HasAttribute("disabled"));
            Assert.True(card.Find("[data-testid=replace-link]").HasAttribute("disabled"));
            Assert.True(card.Find("[data-testid=revoke-link]").HasAttribute("disabled"));
            Assert.True(card.Find("[data-testid=copy-link]").HasAttribute("disabled"));
        });
        _fixture.Gateway.Release();
        await sending;

        card.WaitForAssertion(() => Assert.Contains("Link texted to +447700900999.", Snackbars.Markup, StringComparison.Ordinal));
        Assert.False(card.Find("[data-testid=send-sms]").HasAttribute("disabled"));
        var request = Assert.Single(_fixture.Gateway.Received, r => r.Contains("+447700900999", StringComparison.Ordinal));
        Assert.Contains(url, request, StringComparison.Ordinal);
        Assert.Equal([ClientLinkAuditActions.Created, ClientLinkAuditActions.Sent], await AuditAsync(client.Id));
        // No email on file: that button says why it cannot be used.
        Assert.True(card.Find("[data-testid=send-email]").HasAttribute("disabled"));
        Assert.Equal("No email address on file.", card.Find("[data-testid=send-email]").GetAttribute("title"));
    }
}
