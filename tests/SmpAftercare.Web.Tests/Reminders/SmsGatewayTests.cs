using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Reminders;
using static SmpAftercare.Web.Tests.Reminders.ReminderScenario;

namespace SmpAftercare.Web.Tests.Reminders;

/// <summary>
/// A small HTTP SMS gateway on a real local port: numbers ending 0503 get one 503, numbers ending 0400 a 400,
/// everything else 202. It records what it was sent.
/// </summary>
public sealed class FakeSmsGateway : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private WebApplication? _app;

    public ConcurrentQueue<(string? Auth, string? IdempotencyKey, string ContentType, string Body)> Requests { get; } = new();

    public string Url { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/messages", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            Requests.Enqueue((context.Request.Headers.Authorization, context.Request.Headers["Idempotency-Key"], context.Request.ContentType ?? "", body));
            var to = body.Contains("0503", StringComparison.Ordinal) ? "0503" : body.Contains("0400", StringComparison.Ordinal) ? "0400" : "ok";
            var attempt = _attempts.AddOrUpdate(to, 1, (_, n) => n + 1);
            return to switch
            {
                "0503" when attempt == 1 => Results.StatusCode(503),
                "0400" => Results.BadRequest(new { error = "invalid destination number" }),
                _ => Results.Accepted(),
            };
        });
        await _app.StartAsync();
        Url = _app.Urls.First() + "/messages";
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

public sealed class SmsGatewayTests : IClassFixture<FakeSmsGateway>, IDisposable
{
    private readonly FakeSmsGateway _gateway;
    private readonly ReminderApp _app;

    public SmsGatewayTests(FakeSmsGateway gateway)
    {
        _gateway = gateway;
        _app = new ReminderApp(smtp: null, new Dictionary<string, string?>
        {
            ["Sms:GatewayUrl"] = gateway.Url,
            ["Sms:AuthHeaderValue"] = "Bearer test-key",
            ["Sms:From"] = "Northside",
        });
    }

    [Fact]
    public async Task Sms_IsPostedAsJsonWithTheAuthHeader()
    {
        var scenario = await StartAsync(_app);
        var client = await scenario.ClientAsync(email: null, emailConsent: false, phone: "+447700900123", smsConsent: true);
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        _app.Clock.Set(Local("2026-03-06 09:00"));

        Assert.Equal(1, (await _app.DispatchAsync()).Sent);

        var request = Assert.Single(_gateway.Requests, r => r.Body.Contains("+447700900123", StringComparison.Ordinal));
        Assert.Equal("Bearer test-key", request.Auth);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("+447700900123", json.RootElement.GetProperty("to").GetString());
        Assert.Equal("Northside", json.RootElement.GetProperty("from").GetString());
        Assert.StartsWith("Northside SMP: from today you can rinse", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        var reminder = (await _app.RemindersAsync(client.Id))[0];
        Assert.Equal(reminder.Id.ToString(), request.IdempotencyKey);
        Assert.Equal((ReminderStatus.Sent, "+447700900123"), (reminder.Status, reminder.Recipient));
    }

    [Fact]
    public async Task Gateway503_IsRetried_Gateway400_FailsAtOnce()
    {
        var scenario = await StartAsync(_app);
        var retried = await scenario.ClientAsync(email: null, emailConsent: false, phone: "+447700900503", smsConsent: true, name: "Retry Me");
        var refused = await scenario.ClientAsync(email: null, emailConsent: false, phone: "+447700900400", smsConsent: true, name: "Refuse Me");
        await scenario.LogSessionAsync(retried.Id, "2026-03-02 10:00");
        await scenario.LogSessionAsync(refused.Id, "2026-03-02 10:00");
        _app.Clock.Set(Local("2026-03-06 09:00"));

        var first = await _app.DispatchAsync();
        _app.Clock.Set(Local("2026-03-06 09:01"));
        var second = await _app.DispatchAsync();

        Assert.Equal((0, 1, 1), (first.Sent, first.Retrying, first.Failed));
        Assert.Equal(1, second.Sent);
        Assert.Equal(ReminderStatus.Sent, (await _app.RemindersAsync(retried.Id))[0].Status);
        var failed = (await _app.RemindersAsync(refused.Id))[0];
        Assert.Equal((ReminderStatus.Failed, 1), (failed.Status, failed.Attempts));
        Assert.Contains("SMS gateway answered 400", failed.LastError, StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();
}
