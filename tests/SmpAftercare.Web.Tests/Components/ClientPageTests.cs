using Bunit;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Features.Clients;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Components;

/// <summary>The interactive client page: its timeline chart, folding and the adjustments form (today Mon 2 Mar 2026, London).</summary>
public sealed class ClientPageTests(ComponentApp fixture) : StaffComponentTest(fixture)
{
    private async Task<(SeededClient Client, IRenderedComponent<ClientPage> Page)> RenderPageAsync(string session)
    {
        var client = await App.Client(Clinic).Named($"Page {Guid.NewGuid():N}"[..13]).WithSession(session).SaveAsync();
        RenderProviders();
        var page = Render<ClientPage>(p => p.Add(c => c.Id, client.Id));
        page.WaitForAssertion(() => page.Find("[data-testid=client-link-card]"));
        return (client, page);
    }

    private static List<string> Ticks(IRenderedComponent<ClientPage> page) => [.. page.FindAll(".tl-head .tl-tick").Select(t => t.TextContent.Trim())];

    [Fact]
    public async Task Timeline_OneRowPerActivity_EachRestrictionABar_SessionAndTodayMarked_AndTheSameAsText()
    {
        var (_, page) = await RenderPageAsync("2026-03-02 09:00");

        var chart = page.Find("[data-testid=timeline-chart]");
        var rows = chart.QuerySelectorAll(".tl-row[data-activity]");
        Assert.Contains(rows, r => r.GetAttribute("data-activity") == "wetting");
        Assert.Contains(rows, r => r.GetAttribute("data-activity") == "shaving");
        // Every restriction starts on the session day (column 0) and is one bar, not a cell per day.
        var shaving = rows.Single(r => r.GetAttribute("data-activity") == "shaving");
        var bar = Assert.Single(shaving.QuerySelectorAll(".tl-bar-avoid"));
        Assert.Contains("--tl-at: 0;", bar.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal("S1", chart.QuerySelector(".tl-session-flag")!.TextContent.Trim());
        Assert.Contains("--tl-at: 0", chart.QuerySelector(".tl-today-flag")!.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal("Mon 2 Mar", Ticks(page)[0]);
        // Screen readers get the chart as sentences: one per bar, the same words as the bar's tooltip.
        var text = page.Find("[data-testid=timeline-text]");
        var sentences = text.QuerySelectorAll("li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(chart.QuerySelectorAll(".tl-bar").Length, sentences.Count);
        Assert.Contains(bar.GetAttribute("title"), sentences);
        Assert.StartsWith("Avoid: Shaving your head, Mon 2 Mar to ", bar.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Contains("Session 1 on Monday, 2 March 2026.", text.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.Find(".tl-canvas").GetAttribute("aria-hidden"));
        Assert.Equal("0", page.Find(".tl-scroll").GetAttribute("tabindex"));
    }

    [Fact]
    public async Task Timeline_PastDaysFoldAway_AndComeBackWhenAsked()
    {
        // 10 days ago (aftercare still running): the chart starts a week before today, the 3 days before that fold away.
        var (_, page) = await RenderPageAsync("2026-02-20 09:00");

        Assert.Equal("Mon 23 Feb", Ticks(page)[0]);
        var toggle = page.Find("[data-testid=toggle-history]");
        Assert.Equal("Show 3 earlier days", toggle.TextContent.Trim());
        Assert.Empty(page.FindAll(".tl-session-flag")); // the session day is folded away with them

        await toggle.ClickAsync(new());

        Assert.Equal("Fri 20 Feb", Ticks(page)[0]);
        Assert.Equal("S1", page.Find(".tl-session-flag").TextContent.Trim());
        Assert.Equal("Hide earlier days", page.Find("[data-testid=toggle-history]").TextContent.Trim());
    }

    [Fact]
    public async Task AdjustmentForm_TellsTheClinicsLimits_OneBeyondThemGetsTheClinicsMessage_OneWithinIsSaved()
    {
        // A clinic of its own: its owner's limits are not the other tests' clinic's.
        var clinic = await App.SeedClinicAsync("Limits Test " + Guid.NewGuid().ToString("N")[..8]);
        await App.WithDbAsync(async db =>
        {
            (await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == clinic.Id)).ChangeAdjustmentLimits(5, 3);
            return await db.SaveChangesAsync();
        });
        var client = await App.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        SignInAs(clinic.Technician, clinic.Id);
        RenderProviders();
        var page = Render<ClientPage>(p => p.Add(c => c.Id, client.Id));
        page.WaitForAssertion(() => page.Find("[data-testid=adjust-open]"));

        await page.Find("[data-testid=adjust-open]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("This clinic lets you lift a restriction up to 5 days early or keep one up to 3 days longer than the protocol says.",
            page.Find("[data-testid=adjust-limits]").TextContent.Trim()));
        var adjustments = page.FindComponent<ClientAdjustments>();
        await page.InvokeAsync(() => adjustments.FindComponents<MudBlazor.MudSelect<string>>()[0].Instance.ValueChanged.InvokeAsync("soap"));
        page.Find("#adjust-to").Input("13");
        page.Find("#adjust-note").Input("no soap until day 14.");
        page.Find("#adjust-reason").Input("Very oily scalp");
        await page.Find("[data-testid=adjust-save]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("The clinic allows keeping a restriction at most 3 days longer: the last day to avoid can be day 12 at the latest.",
            page.Find("[data-testid=adjust-errors]").TextContent.Trim()));
        Assert.Equal("no soap until day 14.", page.Find("#adjust-note").GetAttribute("value"));
        Assert.Equal(0, await App.WithDbAsync(db => db.RuleAdjustments.IgnoreQueryFilters().CountAsync(a => a.ClientId == client.Id)));

        // 5 days before the protocol's day 9: beyond the default 2, within this clinic's 5.
        page.Find("#adjust-to").Input("4");
        page.Find("#adjust-note").Input("soap is fine from day 5.");
        await page.Find("[data-testid=adjust-save]").ClickAsync(new());

        Snackbars.WaitForAssertion(() => Assert.Contains("Adjustment saved.", Snackbars.Markup));
        Assert.Equal(4, await App.WithDbAsync(db => db.RuleAdjustments.IgnoreQueryFilters().Where(a => a.ClientId == client.Id).Select(a => a.ToDay).SingleAsync()));
        page.WaitForAssertion(() => Assert.Contains("last day to avoid is day 4 after every session", page.Find("[data-testid=adjustments]").TextContent));
    }

    [Fact]
    public async Task AdjustmentForm_SavedEmpty_SaysWhatIsMissing_AndSavesNothing()
    {
        var (client, page) = await RenderPageAsync("2026-03-02 09:00");

        await page.Find("[data-testid=adjust-open]").ClickAsync(new());
        await page.Find("[data-testid=adjust-save]").ClickAsync(new());

        page.WaitForAssertion(() =>
        {
            var errors = page.Find("[data-testid=adjust-errors]").TextContent;
            Assert.Contains("Choose what to change.", errors, StringComparison.Ordinal);
            Assert.Contains("Enter the last day (day 0 is the session day).", errors, StringComparison.Ordinal);
            Assert.Contains("Give the reason for the change.", errors, StringComparison.Ordinal);
        });
        Assert.Equal(0, await App.WithDbAsync(db => db.RuleAdjustments.IgnoreQueryFilters().CountAsync(a => a.ClientId == client.Id)));
        Assert.DoesNotContain(AuditActions.RuleAdjusted, await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.ClientId == client.Id).Select(a => a.Action).ToListAsync()));
    }
}
