using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Web.Features.Clients;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Components;

public sealed class ClientListTests(ComponentApp fixture) : StaffComponentTest(fixture)
{
    private IRenderedComponent<ClientList> RenderList(string url = "/clients")
    {
        RenderProviders();
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<ClientList>();
    }

    private static IReadOnlyList<string> Names(IRenderedComponent<ClientList> list) =>
        [.. list.FindAll(".client-row a").Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task Phase_FollowsTheTechniciansAdjustment()
    {
        var adjusted = await App.Client(Clinic).Named("Ada Listed").WithSession("2026-02-25 10:00").SaveAsync();
        await App.AdjustAsync(adjusted, Domain.Aftercare.Activity.Wetting, toDay: 7);

        var list = RenderList("/clients?q=Ada%20Listed");

        list.WaitForAssertion(() => Assert.Contains("Keep it dry, day 5", list.Find(".client-row").TextContent), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SearchAsYouType_FindsByNameEmailAndTheNationalFormOfAPhone()
    {
        await App.Client(Clinic).Named("Priya Searchable").WithContact("priya@example.com", "+447700900111").SaveAsync();
        await App.Client(Clinic).Named("Tom Searchable").WithContact("tom@example.org", "+447700900222").SaveAsync();
        var list = RenderList();
        var search = list.Find("[data-testid=client-search] input, input[data-testid=client-search]");

        search.Input("priya");
        list.WaitForAssertion(() => Assert.Equal(["Priya Searchable"], Names(list)), TimeSpan.FromSeconds(5));
        Assert.EndsWith("/clients?q=priya", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);

        list.Find("input[type=search]").Input("example.org");
        list.WaitForAssertion(() => Assert.Equal(["Tom Searchable"], Names(list)), TimeSpan.FromSeconds(5));

        list.Find("input[type=search]").Input("07700 900222");
        list.WaitForAssertion(() => Assert.Equal(["Tom Searchable"], Names(list)), TimeSpan.FromSeconds(5));

        list.Find("input[type=search]").Input("nobody at all");
        list.WaitForAssertion(() => Assert.Contains("No client matches \u201cnobody at all\u201d.", list.Markup), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ManyClients_ArePagedOnTheServer_AndSortable()
    {
        for (var i = 0; i < 30; i++)
        {
            await App.Client(Clinic).Named($"Paged {i:D2}").SaveAsync();
        }

        var list = RenderList("/clients?q=Paged");

        list.WaitForAssertion(() => Assert.Equal(25, Names(list).Count));
        Assert.Equal("Paged 00", Names(list)[0]);
        Assert.DoesNotContain("Paged 29", Names(list));
        Assert.Contains("1-25 of 30", list.Markup);

        list.Find("button[aria-label='Next page']").Click();
        list.WaitForAssertion(() => Assert.Equal(["Paged 25", "Paged 26", "Paged 27", "Paged 28", "Paged 29"], Names(list)));

        // Sorting by name the other way round, again on the server: the last names come first.
        list.Find("button[aria-label='First page']").Click();
        list.WaitForAssertion(() => Assert.Equal("Paged 00", Names(list)[0]));
        list.FindAll(".sortable-column-header")[0].Click();
        list.WaitForAssertion(() => Assert.Equal("Paged 29", Names(list)[0]));
    }

    [Fact]
    public async Task ChangingTheSearchOnAPageAfterTheFirst_GoesBackToTheFirstPage()
    {
        for (var i = 0; i < 30; i++)
        {
            await App.Client(Clinic).Named($"Backtrack {i:D2}").SaveAsync();
            await App.Client(Clinic).Named($"Backto {i:D2}").SaveAsync();
        }

        var list = RenderList("/clients?q=Back");
        list.WaitForAssertion(() => Assert.Contains("1-25 of 60", list.Markup, StringComparison.Ordinal));
        list.Find("button[aria-label='Next page']").Click();
        list.WaitForAssertion(() => Assert.Equal("Backto 25", Names(list)[0]));

        list.Find("input[type=search]").Input("Backto");

        // Narrowed on page 2, the list starts again at its first row, not on the narrowed list's page 2 (Backto 25-29).
        list.WaitForAssertion(() => Assert.Contains("1-25 of 30", list.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Equal("Backto 00", Names(list)[0]);
        Assert.EndsWith("/clients?q=Backto", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_InAftercareAndArchived()
    {
        await App.Client(Clinic).Named("Filter Healing").WithSession("2026-02-27 10:00").SaveAsync();
        await App.Client(Clinic).Named("Filter Healed").WithSession("2025-06-01 10:00").SaveAsync();
        var archived = await App.Client(Clinic).Named("Filter Archived").SaveAsync();
        await App.WithDbAsync(async db =>
        {
            var c = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.Clients), x => x.Id == archived.Id);
            c.Archive(App.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });

        var all = RenderList("/clients?q=Filter");
        all.WaitForAssertion(() => Assert.Equal(["Filter Healed", "Filter Healing"], Names(all)));
        Assert.Contains("Keep it dry, day 3", all.Markup);
        Assert.Contains("Healed", all.Markup);

        var healing = Render<ClientList>(); // same address, then the switch
        healing.WaitForAssertion(() => Assert.Equal(2, Names(healing).Count));
        healing.FindAll("input[type=checkbox]")[0].Change(true);
        healing.WaitForAssertion(() => Assert.Equal(["Filter Healing"], Names(healing)));

        var archive = RenderList("/clients?q=Filter&archived=true");
        archive.WaitForAssertion(() => Assert.Equal(["Filter Archived"], Names(archive)));
    }

    [Fact]
    public async Task AnotherClinic_FindsNoneOfThisClinicsClients()
    {
        await App.Client(Clinic).Named("Alice Elsewhere").SaveAsync();
        var other = await App.SeedClinicAsync("Other Clinic");
        await App.Client(other).Named("Bob Here").SaveAsync();
        SignInAs(other.Owner, other.Id);

        var list = RenderList("/clients");

        list.WaitForAssertion(() => Assert.Equal(["Bob Here"], Names(list)));
        list.Find("input[type=search]").Input("Alice");
        list.WaitForAssertion(() => Assert.Contains("No client matches", list.Markup), TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("/clients?page=abc&archived=maybe&aftercare=%25ZZ", "'archived' in the address is 'maybe': it can only be true or false.")]
    [InlineData("/clients?sort=drop%20table&page=-5", "The page number in the address ('-5') is below 1: pages start at 1.")]
    [InlineData("/clients?page=abc", "The page number in the address ('abc') is not a number.")]
    public async Task UnreadableAddressValues_Answer400WithASentence_NeverAnError(string url, string sentence)
    {
        using var browser = await App.SignedInAs(Clinic.Reception);

        var page = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Clients", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Contains(sentence, page.Text, StringComparison.Ordinal);
        Assert.Equal("/clients", page.Document.QuerySelector("a[href='/clients']")?.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/clients?q=%25%25%25_&archived=1")]
    [InlineData("/clients?archived=on&aftercare=no")]
    [InlineData("/clients?page=99999999999")]
    public async Task ReadableAddressValues_ShowTheList(string url)
    {
        using var browser = await App.SignedInAs(Clinic.Reception);

        var page = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("[data-testid=client-grid]"));
    }

    [Fact]
    public async Task APagePastTheEnd_ShowsTheLastPage()
    {
        for (var i = 0; i < 27; i++)
        {
            await App.Client(Clinic).Named($"Lastpage {i:D2}").SaveAsync();
        }

        var list = RenderList("/clients?q=Lastpage&page=99999999999");

        list.WaitForAssertion(() => Assert.Equal(["Lastpage 25", "Lastpage 26"], Names(list)));
    }

    [Fact]
    public async Task Directory_PagesBeyondTheEnd_AreEmptyNotAnError()
    {
        var result = await App.WithDbAsync(async db =>
        {
            var clinic = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.Clinics), c => c.Id == Clinic.Id);
            return await ClientDirectory.SearchAsync(db, clinic, new ClientQuery(Page: 10_000, PageSize: 0), App.Clock.GetUtcNow());
        });

        Assert.Empty(result.Rows);
    }
}
