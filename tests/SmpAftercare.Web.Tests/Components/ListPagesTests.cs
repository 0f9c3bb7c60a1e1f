using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Web.Features.Audit;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Tests.Features;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Components;

/// <summary>The reminders list and the activity log as staff use them (clinic in London, today Monday 2 March 2026).</summary>
public sealed class ListPagesTests(ComponentApp fixture) : StaffComponentTest(fixture)
{
    private async Task<TestClinic> OwnClinicAsync(string? timeZone = null, string? locale = null)
    {
        var clinic = await App.SeedClinicAsync("Lists " + Guid.NewGuid().ToString("N")[..8], timeZone ?? "Europe/London", locale ?? "en-GB");
        SignInAs(clinic.Owner, clinic.Id);
        RenderProviders();
        return clinic;
    }

    private IRenderedComponent<T> RenderAt<T>(string url)
        where T : IComponent
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<T>();
    }

    private string Uri => Services.GetRequiredService<NavigationManager>().Uri;

    private static List<string> Rows<T>(IRenderedComponent<T> page, string rowClass)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        [.. page.FindAll($"tr.{rowClass}").Select(r => string.Join(' ', r.TextContent.Replace('\u202f', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))];

    private Task<Guid> ReminderAsync(TestClinic clinic, Guid clientId, DateOnly day, ContactChannel channel = ContactChannel.Email, bool failed = false) =>
        App.WithDbAsync(async db =>
        {
            var now = App.Clock.GetUtcNow();
            var planned = new PlannedReminder(ReminderKind.Milestone, day, day, new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero), [Domain.Aftercare.Activity.Wetting], [], []);
            var reminder = Reminder.Plan(clinic.Id, clientId, channel, planned, new ComposedMessage(channel == ContactChannel.Sms ? null : "Subject", "Body"), OptOutTokens.New(), now.UtcDateTime.AddDays(-2));
            if (failed)
            {
                reminder.Claim(now.UtcDateTime.AddMinutes(-5));
                reminder.RecordPermanentFailure("The mail server refused the address.", "x@example.com", now.UtcDateTime.AddMinutes(-5));
            }

            db.Reminders.Add(reminder);
            await db.SaveChangesAsync();
            return reminder.Id;
        });

    [Fact]
    public async Task Reminders_TabsAndFilters_NarrowTheList_AndTheAddressKeepsThem()
    {
        var clinic = await OwnClinicAsync();
        var sam = await App.Client(clinic).Named("Sam Client").SaveAsync();
        var jo = await App.Client(clinic).Named("Jo Other").SaveAsync();
        await ReminderAsync(clinic, sam.Id, new DateOnly(2026, 3, 6));
        await ReminderAsync(clinic, sam.Id, new DateOnly(2026, 3, 9), ContactChannel.Sms);
        await ReminderAsync(clinic, jo.Id, new DateOnly(2026, 3, 7));
        await ReminderAsync(clinic, jo.Id, new DateOnly(2026, 3, 3), failed: true);

        var page = RenderAt<RemindersPage>("/reminders");

        page.WaitForAssertion(() => Assert.Equal(3, Rows(page, "reminder-row").Count));
        Assert.StartsWith("Sam Client Email Milestone Fri 6 Mar", Rows(page, "reminder-row")[0], StringComparison.Ordinal);
        Assert.Contains("upcoming", Rows(page, "reminder-row")[0], StringComparison.Ordinal);
        Assert.Contains("Failed (1)", page.Find("[data-testid=tab-failed]").TextContent);

        page.Find("[data-testid=tab-failed]").Click();
        page.WaitForAssertion(() => Assert.Equal(["Jo Other"], page.FindAll("tr.reminder-row td:first-child").Select(c => c.TextContent.Trim())));
        Assert.Contains("The mail server refused the address.", Rows(page, "reminder-row")[0], StringComparison.Ordinal);
        Assert.EndsWith("/reminders?status=failed", Uri, StringComparison.Ordinal);

        page.Find("[data-testid=tab-all]").Click();
        await page.InvokeAsync(() => page.FindComponents<MudSelect<string>>()[0].Instance.ValueChanged.InvokeAsync("sms"));
        page.WaitForAssertion(() => Assert.Equal(["Sam Client"], page.FindAll("tr.reminder-row td:first-child").Select(c => c.TextContent.Trim())));
        Assert.Contains("Text message", Rows(page, "reminder-row")[0], StringComparison.Ordinal);
        Assert.EndsWith("/reminders?status=all&channel=sms", Uri, StringComparison.Ordinal);
    }

    /// <summary>Upcoming reminders for <paramref name="count"/> days in a row from Tuesday 3 March.</summary>
    private Task<int> UpcomingRemindersAsync(TestClinic clinic, Guid clientId, int count, ContactChannel channel) =>
        App.WithDbAsync(db =>
        {
            var now = App.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < count; i++)
            {
                var day = new DateOnly(2026, 3, 3).AddDays(i);
                var planned = new PlannedReminder(ReminderKind.Milestone, day, day, new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero), [Domain.Aftercare.Activity.Wetting], [], []);
                db.Reminders.Add(Reminder.Plan(clinic.Id, clientId, channel, planned, new ComposedMessage(channel == ContactChannel.Sms ? null : "Subject", "Body"), OptOutTokens.New(), now));
            }

            return db.SaveChangesAsync();
        });

    [Fact]
    public async Task Reminders_ChangingAFilterOrTheNameOnAPageAfterTheFirst_GoesBackToTheFirstPage()
    {
        var clinic = await OwnClinicAsync();
        var sam = await App.Client(clinic).Named("Sam Many").SaveAsync();
        var jo = await App.Client(clinic).Named("Jo Few").SaveAsync();
        await UpcomingRemindersAsync(clinic, sam.Id, 60, ContactChannel.Email);
        await UpcomingRemindersAsync(clinic, jo.Id, 10, ContactChannel.Sms);
        var page = RenderAt<RemindersPage>("/reminders");
        page.WaitForAssertion(() => Assert.Equal(ReminderList.PageSize, Rows(page, "reminder-row").Count));
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(20, Rows(page, "reminder-row").Count));

        await page.InvokeAsync(() => page.FindComponents<MudSelect<string>>()[0].Instance.ValueChanged.InvokeAsync("email"));

        page.WaitForAssertion(() => Assert.Equal(ReminderList.PageSize, Rows(page, "reminder-row").Count));
        Assert.Contains("1-50 of 60", page.Markup, StringComparison.Ordinal);
        Assert.EndsWith("/reminders?channel=email", Uri, StringComparison.Ordinal);

        await page.InvokeAsync(() => page.FindComponents<MudSelect<string>>()[0].Instance.ValueChanged.InvokeAsync(null));
        page.WaitForAssertion(() => Assert.Contains("1-50 of 70", page.Markup, StringComparison.Ordinal));
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(20, Rows(page, "reminder-row").Count));

        page.Find("input[type=search]").Input("Sam");

        page.WaitForAssertion(() => Assert.Contains("1-50 of 60", page.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Equal(ReminderList.PageSize, Rows(page, "reminder-row").Count);
        Assert.EndsWith("/reminders?q=Sam", Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminders_SendAgain_PutsAFailedReminderBackInTheQueue_WithASnackbar_AndALogRow()
    {
        var clinic = await OwnClinicAsync();
        SignInAs(clinic.Reception, clinic.Id);
        var jo = await App.Client(clinic).Named("Jo Resend").SaveAsync();
        var id = await ReminderAsync(clinic, jo.Id, new DateOnly(2026, 3, 3), failed: true);
        var page = RenderAt<RemindersPage>("/reminders?status=failed");
        page.WaitForAssertion(() => page.Find("[data-testid=send-again]"));
        Assert.Empty(page.FindAll("a[href='/reminders/settings']")); // settings are the owner's

        await page.Find("[data-testid=send-again]").ClickAsync(new());

        Snackbars.WaitForAssertion(() => Assert.Contains("The reminder for Jo Resend will be sent again shortly.", Snackbars.Markup));
        Assert.Equal(ReminderStatus.Pending, await App.WithDbAsync(db => db.Reminders.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
        var log = await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().SingleAsync(a => a.ClientId == jo.Id && a.Action == ReminderAuditActions.SentAgain));
        Assert.Equal((clinic.Reception.FullName, "Email reminder for Tue 3 Mar"), (log.UserName, log.Details));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("tr.reminder-row")));
    }

    [Fact]
    public async Task Reminders_NamesClientsWhoCannotGetReminders_AndShowsNoOtherClinics()
    {
        var clinic = await OwnClinicAsync();
        await App.Client(clinic).Named("Quiet Person").WithContact(null, null).WithSession("2026-02-20 10:00").SaveAsync();
        var other = await App.SeedClinicAsync("Elsewhere " + Guid.NewGuid().ToString("N")[..6]);
        var theirs = await App.Client(other).Named("South Client").SaveAsync();
        await ReminderAsync(other, theirs.Id, new DateOnly(2026, 3, 6));

        var page = RenderAt<RemindersPage>("/reminders?status=all");

        page.WaitForAssertion(() => Assert.Contains("No reminders here.", page.Markup));
        Assert.Contains("Quiet Person (no email or phone)", page.Find("[data-testid=unreachable]").TextContent);
        Assert.DoesNotContain("South Client", page.Markup);
    }

    [Theory]
    [InlineData("/reminders?page=abc", "The page number in the address ('abc') is not a number.")]
    [InlineData("/reminders?client=not-a-guid", "The client in the address ('not-a-guid') is not one this list can show.")]
    [InlineData("/reminders?status=everything", "The list in the address ('everything') is not one this list knows: choose Upcoming, Sent, Failed, Could not be sent, All.")]
    public async Task Reminders_UnreadableAddress_SaysWhichValue(string url, string sentence)
    {
        await OwnClinicAsync();

        var page = RenderAt<RemindersPage>(url);

        Assert.Equal(sentence, page.Find("[data-testid=bad-address]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=reminder-grid]"));
    }

    [Fact]
    public async Task Activity_NewestFirst_InPlainWords_WithTheClientLinked()
    {
        var clinic = await OwnClinicAsync("America/New_York", "en-US");
        var sam = await App.AddClientAsync(clinic, "Sam Client");
        var at = App.Clock.GetUtcNow().UtcDateTime;
        await App.AddAuditAsync(clinic, clinic.Owner, "account.signed-in", null, at.AddMinutes(-10), "with a password");
        await App.AddAuditAsync(clinic, clinic.Owner, "client.created", sam, at);
        await App.AddAuditAsync(clinic, clinic.Technician, "client.updated", sam, at.AddMinutes(5), "Name: Sam → Sam Client");
        await App.AddAuditAsync(clinic, clinic.Technician, "something.new", null, at.AddMinutes(6));

        var page = RenderAt<AuditLogPage>("/audit");

        page.WaitForAssertion(() => Assert.Equal(4, Rows(page, "audit-row").Count));
        var rows = Rows(page, "audit-row");
        // 10:05 UTC on 2 March is 05:05 in New York (EST, UTC-5).
        Assert.Equal($"3/2/2026 5:06 AM {clinic.Technician.FullName} Other change", rows[0]);
        Assert.Equal($"3/2/2026 5:05 AM {clinic.Technician.FullName} Changed a client's details Sam Client Name: Sam → Sam Client", rows[1]);
        Assert.Equal($"3/2/2026 5:00 AM {clinic.Owner.FullName} Added a client Sam Client", rows[2]);
        Assert.Equal($"3/2/2026 4:50 AM {clinic.Owner.FullName} Signed in with a password", rows[3]);
        Assert.Equal($"/clients/{sam}", page.Find("tr.audit-row a[href^='/clients/']").GetAttribute("href"));
        Assert.Equal("2026-03-02 10:06:00 UTC", page.Find("tr.audit-row span[title]").GetAttribute("title"));
        Assert.DoesNotContain("client.updated", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("something.new", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activity_FiltersByClientPersonAndDay_AndTheAddressKeepsThem()
    {
        var clinic = await OwnClinicAsync();
        var sam = await App.AddClientAsync(clinic, "Sam Filtered");
        var alex = await App.AddClientAsync(clinic, "Alex Filtered");
        var at = App.Clock.GetUtcNow().UtcDateTime;
        await App.AddAuditAsync(clinic, clinic.Technician, "client.viewed", sam, at.AddDays(-3), "tech viewed sam earlier");
        await App.AddAuditAsync(clinic, clinic.Technician, "client.viewed", alex, at.AddMinutes(1), "tech viewed alex");
        await App.AddAuditAsync(clinic, clinic.Reception, "client.updated", sam, at.AddMinutes(2), "reception changed sam");
        string Details(IRenderedComponent<AuditLogPage> p) => string.Join(" | ", p.FindAll("tr.audit-row .audit-details").Select(d => d.TextContent));

        var byClient = RenderAt<AuditLogPage>($"/audit?client={sam}");
        byClient.WaitForAssertion(() => Assert.Equal("reception changed sam | tech viewed sam earlier", Details(byClient)));

        var byDay = RenderAt<AuditLogPage>($"/audit?client={sam}&from=2026-03-02&until=2026-03-02");
        byDay.WaitForAssertion(() => Assert.Equal("reception changed sam", Details(byDay)));

        var page = RenderAt<AuditLogPage>("/audit");
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tr.audit-row").Count));
        await page.InvokeAsync(() => page.FindComponents<MudSelect<string>>()[0].Instance.ValueChanged.InvokeAsync(clinic.Technician.Id));
        page.WaitForAssertion(() => Assert.Equal("tech viewed alex | tech viewed sam earlier", Details(page)));
        Assert.EndsWith($"/audit?user={clinic.Technician.Id}", Uri, StringComparison.Ordinal);
        await page.InvokeAsync(() => page.FindComponents<MudDatePicker>()[0].Instance.DateChanged.InvokeAsync(new DateTime(2026, 3, 1)));
        page.WaitForAssertion(() => Assert.Equal("tech viewed alex", Details(page)));
        Assert.EndsWith($"/audit?user={clinic.Technician.Id}&from=2026-03-01", Uri, StringComparison.Ordinal);

        page.Find("[data-testid=clear-filters]").Click();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tr.audit-row").Count));
    }

    [Fact]
    public async Task Activity_OtherClinicsRowsAndClientNames_AreInvisible()
    {
        var clinic = await OwnClinicAsync();
        var other = await App.SeedClinicAsync("Other " + Guid.NewGuid().ToString("N")[..6]);
        var samA = await App.AddClientAsync(other, "Sam of A");
        await App.AddAuditAsync(other, other.Technician, "client.viewed", samA, App.Clock.GetUtcNow().UtcDateTime, "secret of A");
        await App.AddAuditAsync(clinic, clinic.Technician, "client.viewed", null, App.Clock.GetUtcNow().UtcDateTime, "own row");

        var all = RenderAt<AuditLogPage>("/audit");
        all.WaitForAssertion(() => Assert.Single(all.FindAll("tr.audit-row")));
        Assert.DoesNotContain("secret of A", all.Markup);
        Assert.DoesNotContain(other.Technician.FullName, all.Markup);

        var byClient = RenderAt<AuditLogPage>($"/audit?client={samA}");
        byClient.WaitForAssertion(() => Assert.Contains("Nothing in the log matches these filters.", byClient.Markup));
        Assert.DoesNotContain("Sam of A", byClient.Markup);
        Assert.Contains("not in your client list", byClient.Find("[data-testid=client-filter]").TextContent);
    }

    [Fact]
    public async Task Activity_ManyEntries_FiftyAPage_APagePastTheEndShowsTheLast()
    {
        var clinic = await OwnClinicAsync();
        for (var i = 0; i < 120; i++)
        {
            await App.AddAuditAsync(clinic, clinic.Reception, "client.viewed", null, App.Clock.GetUtcNow().UtcDateTime.AddMinutes(i), $"entry {i}");
        }

        var first = RenderAt<AuditLogPage>("/audit");
        first.WaitForAssertion(() => Assert.Equal(50, first.FindAll("tr.audit-row").Count));
        Assert.Contains("entry 119", first.Find("tr.audit-row").TextContent);
        Assert.Contains("1-50 of 120", first.Markup);

        var last = RenderAt<AuditLogPage>("/audit?page=99999999999");
        last.WaitForAssertion(() => Assert.Equal(20, last.FindAll("tr.audit-row").Count));
        Assert.Contains(last.FindAll("tr.audit-row"), r => r.TextContent.Contains("entry 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Activity_ChangingAFilterOnAPageAfterTheFirst_GoesBackToTheFirstPage()
    {
        var clinic = await OwnClinicAsync();
        var at = App.Clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < 60; i++)
        {
            await App.AddAuditAsync(clinic, clinic.Reception, "client.viewed", null, at.AddMinutes(i), $"reception {i}");
        }

        for (var i = 0; i < 10; i++)
        {
            await App.AddAuditAsync(clinic, clinic.Technician, "client.viewed", null, at.AddMinutes(100 + i), $"technician {i}");
        }

        var page = RenderAt<AuditLogPage>("/audit");
        page.WaitForAssertion(() => Assert.Equal(AuditQuery.PageSize, page.FindAll("tr.audit-row").Count));
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll("tr.audit-row").Count));

        await page.InvokeAsync(() => page.FindComponents<MudSelect<string>>()[0].Instance.ValueChanged.InvokeAsync(clinic.Reception.Id));

        page.WaitForAssertion(() => Assert.Equal(AuditQuery.PageSize, page.FindAll("tr.audit-row").Count));
        Assert.Contains("1-50 of 60", page.Markup, StringComparison.Ordinal);
        Assert.Contains("reception 59", page.Find("tr.audit-row").TextContent, StringComparison.Ordinal);
        Assert.EndsWith($"/audit?user={clinic.Reception.Id}", Uri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/audit?page=abc", "The page number in the address ('abc') is not a number.")]
    [InlineData("/audit?client=not-a-guid", "The client in the address ('not-a-guid') is not one this list can show.")]
    [InlineData("/audit?from=yesterday", "The first day in the address ('yesterday') is not a date like 2026-03-02.")]
    [InlineData("/audit?from=2026-03-05&until=2026-03-01", "The first day (2026-03-05) is after the last day (2026-03-01).")]
    public async Task Activity_UnreadableAddress_SaysWhichValue(string url, string sentence)
    {
        await OwnClinicAsync();

        var page = RenderAt<AuditLogPage>(url);

        Assert.Equal(sentence, page.Find("[data-testid=bad-address]").TextContent.Trim());
    }
}
