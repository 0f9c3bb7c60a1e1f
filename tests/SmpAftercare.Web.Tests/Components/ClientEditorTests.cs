using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Web.Features.Clients;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Components;

/// <summary>New and edit client, driven as reception does (clinic in London, today Monday 2 March 2026).</summary>
public sealed class ClientEditorTests(ComponentApp fixture) : StaffComponentTest(fixture)
{
    private IRenderedComponent<ClientEditor> RenderEditor(Guid? id = null)
    {
        RenderProviders();
        return Render<ClientEditor>(p => p.Add(e => e.Id, id));
    }

    private static void Type(IRenderedComponent<ClientEditor> editor, string id, string value) => editor.Find($"#{id}").Input(value);

    private static IReadOnlyList<string> Messages(IRenderedComponent<ClientEditor> editor) =>
        [.. editor.FindAll(".mud-input-helper-text.mud-input-error, .mud-input-error .mud-input-helper-text, [data-testid=form-errors] div").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).Distinct()];

    private Task<List<T>> Clients<T>(Func<IQueryable<Domain.Clients.Client>, IQueryable<T>> select) =>
        App.WithDbAsync(db => select(db.Clients.IgnoreQueryFilters().Where(c => c.ClinicId == Clinic.Id)).ToListAsync());

    [Fact]
    public async Task NewClient_ValidatesAsYouType_InPlainWords_AndSavesNothingUntilRight()
    {
        var editor = RenderEditor();
        editor.WaitForAssertion(() => editor.Find("#client-name"));

        Type(editor, "client-phone", "07700 9001");     // saved once as +4477009001 and sent reminders
        Type(editor, "client-email", "jo@gmail");       // was accepted
        editor.WaitForAssertion(() =>
        {
            Assert.Contains("This is not a complete phone number. Check the digits, or add the country code, like +44 7700 900123.", Messages(editor));
            Assert.Contains("Enter a valid email address, like name@example.com.", Messages(editor));
        });

        await editor.Find("[data-testid=save-client]").ClickAsync(new());

        editor.WaitForAssertion(() => Assert.Contains("Enter the client's full name.", Messages(editor)));
        Assert.Equal("07700 9001", editor.Find("#client-phone").GetAttribute("value")); // input kept
        Assert.DoesNotContain(Messages(editor), m => m.Contains('\'', StringComparison.Ordinal) && m.Contains("must", StringComparison.Ordinal)); // no framework wording
        Assert.Empty(await Clients(q => q.Where(c => c.Email == "jo@gmail").Select(c => c.Id)));
    }

    [Fact]
    public async Task NewClient_Valid_IsSavedWithTheInternationalNumber_AndASnackbarSaysSo()
    {
        var editor = RenderEditor();
        editor.WaitForAssertion(() => editor.Find("#client-name"));
        Type(editor, "client-name", "Jordan Valid");
        Type(editor, "client-email", "jordan.valid@example.com");
        Type(editor, "client-phone", "07700 900456");

        await editor.Find("[data-testid=save-client]").ClickAsync(new());

        editor.WaitForAssertion(() => Assert.Contains("Jordan Valid added.", Snackbars.Markup));
        var saved = Assert.Single(await Clients(q => q.Where(c => c.FullName == "Jordan Valid").Select(c => new { c.Id, c.Phone, c.Email })));
        Assert.Equal("+447700900456", saved.Phone);
        Assert.EndsWith($"/clients/{saved.Id}", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        var audit = await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.ClientId == saved.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.ClientCreated], audit);
    }

    [Fact]
    public async Task NewClient_LikeAnExistingOne_WarnsFirst_ThenSavesOnlyWhenAskedAgain()
    {
        await App.Client(Clinic).Named("Dana Twice").WithContact("dana.twice@example.com", null).SaveAsync();
        var editor = RenderEditor();
        editor.WaitForAssertion(() => editor.Find("#client-name"));
        Type(editor, "client-name", "dana twice");
        Type(editor, "client-email", "DANA.TWICE@example.com");

        await editor.Find("[data-testid=save-client]").ClickAsync(new());

        editor.WaitForAssertion(() => Assert.Contains("This looks like a client you already have", editor.Find("[data-testid=duplicate-warning]").TextContent));
        Assert.Single(await Clients(q => q.Where(c => c.Email == "dana.twice@example.com" || c.Email == "DANA.TWICE@example.com").Select(c => c.Id)));
        Assert.Contains("Save as a different person", editor.Find("[data-testid=save-client]").TextContent);

        await editor.Find("[data-testid=save-client]").ClickAsync(new());

        editor.WaitForAssertion(() => Assert.Contains("dana twice added.", Snackbars.Markup));
        Assert.Equal(2, (await Clients(q => q.Where(c => c.Email == "dana.twice@example.com" || c.Email == "DANA.TWICE@example.com").Select(c => c.Id))).Count);
    }

    [Theory]
    [InlineData(-1, "The planned next session (1 Mar 2026) is in the past: pick a date from today on, or leave it empty.")]
    [InlineData(366, "3 Mar 2027 is more than a year ahead: check the year. Plan up to 2 Mar 2027.")]
    public void PlannedNextSession_OutsideTodayToAYearAhead_IsRefusedInPlainWords(int days, string message)
    {
        var validator = App.Services.GetRequiredService<FluentValidation.IValidator<ClientForm>>();
        var today = new DateOnly(2026, 3, 2);

        var result = validator.Validate(new ClientForm { FullName = "A", Today = today, PlannedNextSession = today.AddDays(days) });

        Assert.Equal([message], result.Errors.Select(e => e.ErrorMessage));
    }

    [Fact]
    public void PlannedNextSession_TodayToAYearAhead_IsAccepted_AndAnOldSavedDateMayStay()
    {
        var validator = App.Services.GetRequiredService<FluentValidation.IValidator<ClientForm>>();
        var today = new DateOnly(2026, 3, 2);

        Assert.True(validator.Validate(new ClientForm { FullName = "A", Today = today, PlannedNextSession = today }).IsValid);
        Assert.True(validator.Validate(new ClientForm { FullName = "A", Today = today, PlannedNextSession = today.AddDays(365) }).IsValid);
        Assert.True(validator.Validate(new ClientForm { FullName = "A", Today = today, PlannedNextSession = today.AddDays(-10), SavedPlannedNextSession = today.AddDays(-10) }).IsValid);
    }

    [Theory]
    [InlineData("01/01/0001", "The planned next session (1 Jan 0001) is in the past: pick a date from today on, or leave it empty.")]
    [InlineData("31/12/9999", "31 Dec 9999 is more than a year ahead: check the year. Plan up to 2 Mar 2027.")]
    public async Task NewClient_PlannedNextSessionAtTheCalendarsEnds_ShowsAMessage_AndSavesNothing(string typed, string message)
    {
        var editor = RenderEditor();
        editor.WaitForAssertion(() => editor.Find("#client-name"));
        Type(editor, "client-name", "Jordan Bounds");
        editor.Find("#client-planned").Change(typed);

        await editor.Find("[data-testid=save-client]").ClickAsync(new());

        editor.WaitForAssertion(() => Assert.Contains(message, Messages(editor)));
        Assert.Equal("Jordan Bounds", editor.Find("#client-name").GetAttribute("value"));
        Assert.Empty(await Clients(q => q.Where(c => c.FullName == "Jordan Bounds").Select(c => c.Id)));
    }

    [Theory]
    [InlineData("07700 900123", "GB", "+447700900123")]
    [InlineData("+1 415 555 2671", "GB", "+14155552671")]
    [InlineData("(415) 555-2671", "US", "+14155552671")]
    public void Phone_ReadForTheClinicsRegion(string typed, string region, string e164)
    {
        Assert.True(PhoneRules.TryRead(typed, region, out var read));
        Assert.Equal(e164, read);
    }

    [Theory]
    [InlineData("07700 9001")]
    [InlineData("call me")]
    [InlineData("+44")]
    [InlineData("0800 CALL NOW")]
    public void Phone_Incomplete_IsRefused(string typed) => Assert.False(PhoneRules.TryRead(typed, "GB", out _));

    [Fact]
    public async Task SmsConsentWithoutAPhone_AsksForANumber()
    {
        var editor = RenderEditor();
        editor.WaitForAssertion(() => editor.Find("#client-name"));
        Type(editor, "client-name", "Sms Nophone");
        editor.Find("#client-sms-consent").Change(true);

        await editor.Find("[data-testid=save-client]").ClickAsync(new());

        editor.WaitForAssertion(() => Assert.Contains("Add a mobile number, or untick SMS reminders.", Messages(editor)));
        Assert.Empty(await Clients(q => q.Where(c => c.FullName == "Sms Nophone").Select(c => c.Id)));
    }

    [Fact]
    public async Task Edit_ValidChange_IsSavedAndAudited_InvalidChangeChangesNothing()
    {
        var client = await App.Client(Clinic).Named("Sam Hart").SaveAsync();
        var editor = RenderEditor(client.Id);
        editor.WaitForAssertion(() => Assert.Equal("Sam Hart", editor.Find("#client-name").GetAttribute("value")));

        Type(editor, "client-name", "Sam Hartley");
        Type(editor, "client-email", "not-an-email");
        await editor.Find("[data-testid=save-client]").ClickAsync(new());
        editor.WaitForAssertion(() => Assert.Contains("Enter a valid email address, like name@example.com.", Messages(editor)));
        Assert.Equal(["Sam Hart"], await Clients(q => q.Where(c => c.Id == client.Id).Select(c => c.FullName)));

        Type(editor, "client-email", "sam@example.com");
        await editor.Find("[data-testid=save-client]").ClickAsync(new());

        editor.WaitForAssertion(() => Assert.Contains("Changes saved.", Snackbars.Markup));
        Assert.Equal(["Sam Hartley"], await Clients(q => q.Where(c => c.Id == client.Id).Select(c => c.FullName)));
        var audit = await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.ClientId == client.Id && a.Action == AuditActions.ClientUpdated).Select(a => a.Details).ToListAsync());
        // Before and after, in the form's words.
        Assert.Equal(["Name: Sam Hart → Sam Hartley; Email: alex@example.com → sam@example.com"], audit);
    }

    [Fact]
    public async Task Edit_AfterSomeoneElseSavedTheClient_SaysSoInPlainWords_KeepsTheInput_AndReloadShowsTheirs()
    {
        var client = await App.Client(Clinic).Named("Robin Vale").SaveAsync();
        var editor = RenderEditor(client.Id);
        editor.WaitForAssertion(() => Assert.Equal("Robin Vale", editor.Find("#client-name").GetAttribute("value")));

        // A colleague saves the same client from another page while this form is open.
        await App.WithDbAsync(async db =>
        {
            var saved = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == client.Id);
            saved.Update(Reminders.ReminderScenario.Details(saved) with { Email = "robin.vale@example.com", EmailConsent = true }, "GB");
            return await db.SaveChangesAsync();
        });
        Type(editor, "client-name", "Robin Vale-Jones");
        await editor.Find("[data-testid=save-client]").ClickAsync(new());

        editor.WaitForAssertion(() => Assert.Contains("Someone else saved changes to this client while you were editing", editor.Find("[data-testid=edit-conflict]").TextContent));
        Assert.Equal("Robin Vale-Jones", editor.Find("#client-name").GetAttribute("value")); // input kept
        Assert.DoesNotContain("Changes saved.", Snackbars.Markup);
        var stored = Assert.Single(await Clients(q => q.Where(c => c.Id == client.Id).Select(c => new { c.FullName, c.Email })));
        Assert.Equal(("Robin Vale", "robin.vale@example.com"), (stored.FullName, stored.Email)); // theirs, not overwritten

        await editor.Find("[data-testid=reload-client]").ClickAsync(new());

        editor.WaitForAssertion(() => Assert.Equal("robin.vale@example.com", editor.Find("#client-email").GetAttribute("value")));
        Assert.Empty(editor.FindAll("[data-testid=edit-conflict]"));
        Type(editor, "client-name", "Robin Vale-Jones");
        await editor.Find("[data-testid=save-client]").ClickAsync(new());

        editor.WaitForAssertion(() => Assert.Contains("Changes saved.", Snackbars.Markup));
        stored = Assert.Single(await Clients(q => q.Where(c => c.Id == client.Id).Select(c => new { c.FullName, c.Email })));
        Assert.Equal(("Robin Vale-Jones", "robin.vale@example.com"), (stored.FullName, stored.Email)); // both changes kept
    }

    [Fact]
    public async Task Edit_AnotherClinicsClient_IsNotFound_AndShowsNothingOfThem()
    {
        var other = await App.SeedClinicAsync("Editor Other Clinic");
        var theirs = await App.Client(other).Named("Not Yours").SaveAsync();

        var editor = RenderEditor(theirs.Id);

        editor.WaitForAssertion(() => Assert.Contains("Not found", editor.Markup));
        Assert.DoesNotContain("Not Yours", editor.Markup);
    }
}
