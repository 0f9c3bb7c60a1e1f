using System.Net;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Web.Tests.ClientLink;
using SmpAftercare.Web.Tests.Reminders;

namespace SmpAftercare.Web.Tests.Security;

public sealed class OptOutTests : IDisposable
{
    private readonly ReminderApp _app = new(smtp: null);

    private async Task<(Guid ClientId, string Token)> EmailReminderAsync()
    {
        var scenario = await ReminderScenario.StartAsync(_app);
        var client = await scenario.ClientAsync("sam@example.com");
        await scenario.LogSessionAsync(client.Id, "2026-03-02 10:00");
        // The first reminder goes out (into the outbox folder): its link is the one a client has.
        _app.Clock.Set(ReminderScenario.Local("2026-03-06 09:00"));
        Assert.Equal(1, (await _app.DispatchAsync()).Sent);
        var reminder = (await _app.RemindersAsync(client.Id)).Single(r => r.Status == Domain.Reminders.ReminderStatus.Sent);
        return (client.Id, reminder.OptOutToken);
    }

    private Task<bool> EmailConsentAsync(Guid clientId) =>
        _app.WithDbAsync(async db => (await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == clientId)).EmailConsent);

    [Fact]
    public async Task OpeningTheLink_ChangesNothing_TheButtonSwitchesOff()
    {
        var (clientId, token) = await EmailReminderAsync();
        using var anonymous = _app.Browser();

        var opened = await anonymous.GetAsync($"/stop/{token}");

        Assert.Equal(HttpStatusCode.OK, opened.Status);
        Assert.True(await EmailConsentAsync(clientId), "Opening the link must not switch anything off.");
        Assert.Contains("Stop emails from Northside SMP?", opened.Text, StringComparison.Ordinal);
        Assert.Equal("no-referrer", opened.Response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(opened.Response.Headers.CacheControl?.NoStore);
        Assert.Contains("noindex", opened.Response.Headers.GetValues("X-Robots-Tag").Single(), StringComparison.Ordinal);
        opened.AssertOnlyStylesheets("css/public.css", "css/client-link.css");

        var pressed = await anonymous.SubmitAsync(opened, "opt-out");
        Assert.Equal(HttpStatusCode.SeeOther, pressed.Status);
        Assert.False(await EmailConsentAsync(clientId));
        var after = await anonymous.GetAsync(pressed.Location!);
        Assert.Contains("Email reminders switched off", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MailClientOneClick_PostsWithoutAToken_ToTheLinkItself()
    {
        var (clientId, token) = await EmailReminderAsync();
        using var anonymous = _app.Browser();

        using var oneClick = await anonymous.Client.PostAsync($"/stop/{token}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.False(await EmailConsentAsync(clientId));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task UnknownToken_Is404_OnEveryMethod(string method)
    {
        await EmailReminderAsync();
        using var anonymous = _app.Browser();

        foreach (var path in new[] { "/stop/AAAAAAAAAAAAAAAAAAAAAA", "/stop/AAAAAAAAAAAAAAAAAAAAAA/one-click" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
            }

            using var response = await anonymous.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task TheLink_IsRateLimitedPerAddress()
    {
        using var app = new ClientLinkAppFactory(new Dictionary<string, string?> { ["ClientLink:RateLimit:PermitLimit"] = "3" });
        using var anonymous = app.Anonymous("203.0.113.9");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await anonymous.GetAsync($"/stop/guess{i:D18}");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    public void Dispose() => _app.Dispose();
}
