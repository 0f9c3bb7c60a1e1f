using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Features.CheckIns;
using SmpAftercare.Web.Tests.Infrastructure;
using SmpAftercare.Web.Tests.Reminders;

namespace SmpAftercare.Web.Tests.CheckIns;

/// <summary>
/// The six-check-ins-an-hour limit of one personal link, with two app processes on one database (each its own
/// services, memory and clock): the count comes from the database, so a second process does not start its own.
/// The clock stands at Mon 2 Mar 2026 10:00 in London, day 6 after the client's session.
/// </summary>
public abstract class CheckInLimitTests(PostgresServer? postgres) : IDisposable
{
    private readonly ReminderApp _first = new(null, postgres: postgres);
    private ReminderApp? _second;

    private async Task<(ReminderApp Second, string Token, Guid ClientId)> TwoProcessesAsync()
    {
        var clinic = await _first.SeedClinicAsync();
        var client = await _first.Client(clinic).Named("Casey Twice").WithSession("2026-02-24 10:00").SaveAsync();
        var token = await new LinkRows(_first).AddAsync(clinic.Id, client.Id);
        _second = new ReminderApp(_first);
        return (_second, token, client.Id);
    }

    private static HttpClient Phone(ReminderApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });

    private Task<int> SavedAsync(Guid clientId) => _first.WithDbAsync(db => db.CheckIns.IgnoreQueryFilters().CountAsync(c => c.ClientId == clientId));

    [Fact]
    public async Task ThreeThroughEachProcess_TheSeventhIsRefusedOnBoth_AndAnHourLaterTheLinkMaySendAgain()
    {
        var (second, token, clientId) = await TwoProcessesAsync();
        using var onFirst = Phone(_first);
        using var onSecond = Phone(second);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await CheckInForm.SendAsync(onFirst, token, ["fine"])).Response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await CheckInForm.SendAsync(onSecond, token, ["fine"])).Response.StatusCode);
        }

        foreach (var phone in new[] { onFirst, onSecond })
        {
            var (refused, text) = await CheckInForm.SendAsync(phone, token, ["fine"], "keep this note");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains(CheckInOutcome.TooMany, text, StringComparison.Ordinal);
            Assert.Contains("keep this note", text, StringComparison.Ordinal);
        }

        Assert.Equal(6, await SavedAsync(clientId));

        _first.Clock.Advance(TimeSpan.FromHours(1));
        second.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, (await CheckInForm.SendAsync(onSecond, token, ["fine"])).Response.StatusCode);
        Assert.Equal(7, await SavedAsync(clientId));
    }

    [Fact]
    public async Task EightSentAtOnceThroughTwoProcesses_SixAreSaved_TwoRefused()
    {
        var (second, token, clientId) = await TwoProcessesAsync();
        using var onFirst = Phone(_first);
        using var onSecond = Phone(second);
        var forms = new List<(HttpClient Phone, MultipartFormDataContent Form)>();
        for (var i = 0; i < 4; i++)
        {
            forms.Add((onFirst, await CheckInForm.FillAsync(onFirst, token, ["fine"])));
            forms.Add((onSecond, await CheckInForm.FillAsync(onSecond, token, ["fine"])));
        }

        var answers = await Task.WhenAll(forms.Select(f => f.Phone.PostAsync($"/c/{token}", f.Form)));

        Assert.Equal(6, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.UnprocessableEntity));
        Assert.Equal(6, await SavedAsync(clientId));
        foreach (var (_, form) in forms)
        {
            form.Dispose();
        }
    }

    public void Dispose()
    {
        _second?.Dispose();
        _first.Dispose();
        GC.SuppressFinalize(this);
    }
}
