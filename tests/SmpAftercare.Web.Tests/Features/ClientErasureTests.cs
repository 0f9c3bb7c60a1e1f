using System.Net;
using AngleSharp.Html.Parser;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.CheckIns;
using SmpAftercare.Web.Features.Clients;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Api;
using SmpAftercare.Web.Tests.CheckIns;
using SmpAftercare.Web.Tests.Components;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

/// <summary>
/// Erasing a client who asks to be forgotten, from the client page (owner, typed name) and the API, on each database.
/// The clock stands at Mon 2 Mar 2026 10:00 in London; the client's session was on 24 Feb (day 6).
/// </summary>
public abstract class ClientErasureTests(PostgresServer? postgres) : OwnAppComponentTest(postgres)
{
    private const string Email = "alex.erase@example.com";
    private const string Phone = "+447700900456";

    /// <summary>A client with everything erasure must remove: a session, an adjustment, a link, planned reminders, a warning check-in with a photo, audit rows.</summary>
    private async Task<(SeededClient Client, string Token)> FullClientAsync(string name = "Alex Morgan", string email = Email, string phone = Phone)
    {
        var client = await App.Client(Clinic).Named(name).WithContact(email, phone).WithSession("2026-02-24 10:00").SaveAsync();
        await App.AdjustAsync(client, Activity.Wetting, toDay: 12);
        var token = await new LinkRows(App).AddAsync(Clinic.Id, client.Id);
        await PlanRemindersAsync(client.Id);
        // A staff edit whose audit text quotes the client's old and new address.
        await App.WithDbAsync(db =>
        {
            db.AuditEntries.Add(AuditEntry.Record(Clinic.Id, Clinic.Reception.Id, Clinic.Reception.FullName, AuditActions.ClientUpdated, client.Id,
                $"Email: old.{email} → {email}", App.Clock.GetUtcNow().UtcDateTime));
            return db.SaveChangesAsync();
        });

        using var phoneBrowser = PhoneBrowser();
        var (response, _) = await CheckInForm.SendAsync(phoneBrowser, token, ["swelling"], $"Puffy, call me on {phone}",
            [("hairline", CheckInForm.Jpeg(64, 48), "h.jpg", "image/jpeg")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (client, token);
    }

    /// <summary>Plans the client's reminders as saving a session does.</summary>
    private async Task PlanRemindersAsync(Guid clientId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clinic = await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == Clinic.Id);
        await scope.ServiceProvider.GetRequiredService<ReminderOutbox>().RecomputeAsync(db, clinic, clientId, App.Clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    private HttpClient PhoneBrowser() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });

    private string PhotoFolder(Guid clientId) =>
        Path.Combine(App.Services.GetRequiredService<CheckInPhotoStore>().Root, Clinic.Id.ToString("N"), clientId.ToString("N"));

    /// <summary>Rows anywhere in the database that belong to the client (the audit log aside).</summary>
    private Task<Dictionary<string, int>> RowsAsync(Guid clientId) => App.WithDbAsync(async db => new Dictionary<string, int>
    {
        ["client"] = await db.Clients.IgnoreQueryFilters().CountAsync(c => c.Id == clientId),
        ["sessions"] = await db.Sessions.IgnoreQueryFilters().CountAsync(s => s.ClientId == clientId),
        ["adjustments"] = await db.RuleAdjustments.IgnoreQueryFilters().CountAsync(a => a.ClientId == clientId),
        ["links"] = await db.ClientLinks.IgnoreQueryFilters().CountAsync(l => l.ClientId == clientId),
        ["reminders"] = await db.Reminders.IgnoreQueryFilters().CountAsync(r => r.ClientId == clientId),
        ["check-ins"] = await db.CheckIns.IgnoreQueryFilters().CountAsync(c => c.ClientId == clientId),
        ["photos"] = await db.CheckInPhotos.IgnoreQueryFilters().CountAsync(p => p.ClientId == clientId),
    });

    private static void AssertAllThere(Dictionary<string, int> rows) =>
        Assert.All(rows, r => Assert.True(r.Value > 0, $"The client's {r.Key} should still be there."));

    /// <summary>Starts the erasure from the page and waits for the name dialog (the click's handler waits for the dialog's answer).</summary>
    private Task OpenEraseDialog(IRenderedComponent<ClientPage> page)
    {
        var erasing = page.Find("[data-testid=erase]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Dialogs.Find("[data-testid=erase-dialog]"));
        return erasing;
    }

    [Fact]
    public async Task Owner_TypesTheName_EveryRowPhotoLinkAndReminderGoes_AndTheAuditSaysWhoAndWhenWithoutPersonalDetails()
    {
        var (client, token) = await FullClientAsync();
        var control = await App.Client(Clinic).Named("Sam Stays").WithContact("sam.stays@example.com", null).WithSession("2026-02-24 10:00").SaveAsync();
        await PlanRemindersAsync(control.Id);
        var planned = (await RowsAsync(client.Id))["reminders"];
        AssertAllThere(await RowsAsync(client.Id));
        Assert.NotEmpty(Directory.GetFiles(PhotoFolder(client.Id)));
        SignInAs(Clinic.Owner, Clinic.Id);
        var page = OpenClientPage(client.Id);

        var erasing = OpenEraseDialog(page);
        Assert.Contains("It cannot be undone.", Dialogs.Find("[data-testid=erase-dialog]").TextContent, StringComparison.Ordinal);
        Dialogs.Find("#erase-name").Input("  alex   MORGAN ");
        await Dialogs.Find("[data-testid=erase-dialog-confirm]").ClickAsync(new());
        await erasing;
        var erasedAt = App.Clock.GetUtcNow().UtcDateTime;

        Assert.EndsWith("/clients", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        Snackbars.WaitForAssertion(() => Assert.Contains("Alex Morgan's data was erased.", Snackbars.Find(".mud-snackbar").TextContent, StringComparison.Ordinal));
        Assert.All(await RowsAsync(client.Id), r => Assert.True(r.Value == 0, $"{r.Value} {r.Key} left"));
        Assert.False(Directory.Exists(PhotoFolder(client.Id)), "The photo folder should be gone.");
        Assert.Equal(1, (await RowsAsync(control.Id))["client"]);

        // The personal link answers exactly as a link that never existed.
        using var phone = PhoneBrowser();
        var erasedLink = await phone.GetAsync($"/c/{token}");
        var unknownLink = await phone.GetAsync($"/c/{ClientLinkToken.New()}");
        Assert.Equal(HttpStatusCode.NotFound, erasedLink.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownLink.StatusCode);
        Assert.Equal(PageText(await unknownLink.Content.ReadAsStringAsync()), PageText(await erasedLink.Content.ReadAsStringAsync()));

        // The next days' dispatches send the client who stayed their reminders, and the erased client nothing.
        var sent = 0;
        for (var day = 0; day < 10; day++)
        {
            App.Clock.Advance(TimeSpan.FromDays(1));
            await using var scope = App.Services.CreateAsyncScope();
            sent += (await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().RunOnceAsync()).Sent;
        }

        var messages = Directory.GetFiles(App.Services.GetRequiredService<OutboxFolder>().Path).Select(File.ReadAllText).ToList();
        Assert.True(sent > 0, "The client who stayed should have had reminders.");
        Assert.Equal(sent, messages.Count);
        Assert.All(messages, m => Assert.Contains("sam.stays@example.com", m, StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains(Email, StringComparison.OrdinalIgnoreCase) || m.Contains("Alex", StringComparison.Ordinal));

        // The log: who erased a client and when; the client's earlier rows keep who did what and when, and lose the rest.
        var audit = await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AsNoTracking().Where(a => a.ClientId == client.Id).ToListAsync());
        var erased = Assert.Single(audit, a => a.Action == AuditActions.ClientErased);
        Assert.Equal((Clinic.Owner.Id, Clinic.Owner.FullName), (erased.UserId, erased.UserName));
        Assert.Equal(erasedAt, erased.AtUtc);
        Assert.Equal($"Erased at the client's request: 1 session, 1 check-in with 1 photo, {planned} reminders, 1 personal link.", erased.Details);
        Assert.Contains(audit, a => a.Action == AuditActions.ClientUpdated && a.UserName == Clinic.Reception.FullName && a.Details is null);
        Assert.Contains(audit, a => a.Action == CheckInAuditActions.WarningRaised && a.UserName == ClientErasure.ErasedClientName && a.Details is null);
        foreach (var personal in new[] { "Alex", "Morgan", Email, Phone, "Puffy", "Swelling" })
        {
            Assert.DoesNotContain(audit, a => $"{a.UserName} {a.Details}".Contains(personal, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task WrongNameTyped_SaysSo_AndKeepingTheClientErasesNothing()
    {
        var (client, token) = await FullClientAsync();
        SignInAs(Clinic.Owner, Clinic.Id);
        var page = OpenClientPage(client.Id);

        var erasing = OpenEraseDialog(page);
        Dialogs.Find("#erase-name").Input("Alex Morgen");
        await Dialogs.Find("[data-testid=erase-dialog-confirm]").ClickAsync(new());

        Dialogs.WaitForAssertion(() => Assert.Contains("That is not the client's name. Type Alex Morgan to erase their data.",
            Dialogs.Find("[data-testid=erase-dialog]").TextContent, StringComparison.Ordinal));
        AssertAllThere(await RowsAsync(client.Id));
        await Dialogs.Find("[data-testid=erase-dialog-cancel]").ClickAsync(new());
        await erasing;

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid=erase-dialog]")));
        Assert.Equal("Alex Morgan", page.Find("h1").TextContent.Trim());
        AssertAllThere(await RowsAsync(client.Id));
        Assert.NotEmpty(Directory.GetFiles(PhotoFolder(client.Id)));
        Assert.Equal(HttpStatusCode.OK, (await PhoneBrowser().GetAsync($"/c/{token}")).StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.Action == AuditActions.ClientErased)));
    }

    [Fact]
    public async Task TechniciansAndReception_AreNotOfferedErasure()
    {
        var client = await App.Client(Clinic).WithSession("2026-02-24 10:00").SaveAsync();
        foreach (var staff in new[] { Clinic.Technician, Clinic.Reception })
        {
            SignInAs(staff, Clinic.Id);
            var page = OpenClientPage(client.Id);
            Assert.Empty(page.FindAll("[data-testid=erase]"));
        }

        SignInAs(Clinic.Owner, Clinic.Id);
        Assert.Single(OpenClientPage(client.Id).FindAll("[data-testid=erase]"));
    }

    [Fact]
    public async Task Api_Erases_Answers204_ThenNotFound_AndTheLogNamesTheKey()
    {
        var (client, token) = await FullClientAsync();
        using var api = ApiCaller.For(App, await App.ApiKeyAsync(Clinic, "Booking system"));

        var first = await ApiResponse.ReadAsync(await api.Client.DeleteAsync($"/api/v1/clients/{client.Id}"));
        var again = await ApiResponse.ReadAsync(await api.Client.DeleteAsync($"/api/v1/clients/{client.Id}"));

        Assert.Equal(HttpStatusCode.NoContent, first.Status);
        ApiKeys.AssertProblem(again, HttpStatusCode.NotFound);
        ApiKeys.AssertProblem(await api.GetAsync($"/api/v1/clients/{client.Id}"), HttpStatusCode.NotFound);
        Assert.All(await RowsAsync(client.Id), r => Assert.True(r.Value == 0, $"{r.Value} {r.Key} left"));
        Assert.False(Directory.Exists(PhotoFolder(client.Id)), "The photo folder should be gone.");
        Assert.Equal(HttpStatusCode.NotFound, (await PhoneBrowser().GetAsync($"/c/{token}")).StatusCode);
        var erased = await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().SingleAsync(a => a.Action == AuditActions.ClientErased));
        Assert.Equal((client.Id, "api:Booking system"), (erased.ClientId, erased.UserName));
    }

    [Fact]
    public async Task AnotherClinicsClient_IsNotFound_FromTheApiThePageAndTheService_AndNothingIsErased()
    {
        var (client, token) = await FullClientAsync();
        var other = await App.SeedClinicAsync("Southside SMP");
        using var otherKey = ApiCaller.For(App, await App.ApiKeyAsync(other));

        ApiKeys.AssertProblem(await ApiResponse.ReadAsync(await otherKey.Client.DeleteAsync($"/api/v1/clients/{client.Id}")), HttpStatusCode.NotFound);
        // The other clinic's owner, on the client page with this client's id: no such client, nothing to erase.
        SignInAs(other.Owner, other.Id);
        RenderProviders();
        var page = Render<ClientPage>(p => p.Add(c => c.Id, client.Id));
        page.WaitForAssertion(() => Assert.Contains("There is no such client in your clinic.", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=erase]"));
        ErasureOutcome outcome;
        await using (var db = App.ClinicDb(other.Id))
        {
            outcome = await App.Services.GetRequiredService<ClientErasure>().EraseAsync(db, client.Id, other.Owner.Id, other.Owner.FullName);
        }

        Assert.Equal(ErasureResult.NotFound, outcome.Result);
        AssertAllThere(await RowsAsync(client.Id));
        Assert.NotEmpty(Directory.GetFiles(PhotoFolder(client.Id)));
        Assert.Equal(HttpStatusCode.OK, (await PhoneBrowser().GetAsync($"/c/{token}")).StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.Action == AuditActions.ClientErased)));
    }

    [Fact]
    public async Task AReminderTheDispatcherHasClaimed_HoldsTheErasureBack_UntilItsOutcomeIsRecorded()
    {
        var (client, _) = await FullClientAsync();
        var claimed = await App.WithDbAsync(db => db.Reminders.IgnoreQueryFilters().Where(r => r.ClientId == client.Id).OrderBy(r => r.DueAtUtc).Select(r => r.Id).FirstAsync());
        // The dispatcher's claim, as it commits it before handing the message over.
        await App.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "Reminders" SET "Status" = 'Sending' WHERE "Id" = {claimed}"""));
        using var api = ApiCaller.For(App, await App.ApiKeyAsync(Clinic));

        var refused = await ApiResponse.ReadAsync(await api.Client.DeleteAsync($"/api/v1/clients/{client.Id}"));

        ApiKeys.AssertProblem(refused, HttpStatusCode.Conflict);
        Assert.Equal(ErasureOutcome.BeingSentMessage, refused.Text("detail"));
        AssertAllThere(await RowsAsync(client.Id));

        // The hand-over ends (here: sent) and its outcome is saved; then the erasure goes through.
        await App.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "Reminders" SET "Status" = 'Sent' WHERE "Id" = {claimed}"""));
        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.DeleteAsync($"/api/v1/clients/{client.Id}")).StatusCode);
        Assert.All(await RowsAsync(client.Id), r => Assert.True(r.Value == 0, $"{r.Value} {r.Key} left"));
    }

    [Fact]
    public async Task TheHourlySweep_RemovesPhotoFoldersOfClientsThatNoLongerExist_AndKeepsTheOthers()
    {
        var client = await App.Client(Clinic).SaveAsync();
        var store = App.Services.GetRequiredService<CheckInPhotoStore>();
        var gone = Guid.NewGuid(); // a folder left by an erasure whose file removal failed
        await store.WriteAsync(Clinic.Id, gone, Guid.NewGuid(), original: false, [1, 2, 3], CancellationToken.None);
        await store.WriteAsync(Clinic.Id, client.Id, Guid.NewGuid(), original: false, [4, 5, 6], CancellationToken.None);

        string result;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<Web.Features.Jobs.PhotoFolderSweepJob>().RunAsync(CancellationToken.None);
        }

        Assert.Equal("1 photo folder(s) of erased clients removed.", result);
        Assert.False(Directory.Exists(PhotoFolder(gone)), "The erased client's folder should be gone.");
        Assert.NotEmpty(Directory.GetFiles(PhotoFolder(client.Id)));
    }

    private static string PageText(string html) =>
        string.Join(' ', (new HtmlParser().ParseDocument(html).Body?.TextContent ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

}
