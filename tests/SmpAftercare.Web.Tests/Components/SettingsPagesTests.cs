using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Features.Settings;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Api;
using ApiKeysPage = SmpAftercare.Web.Features.Api.ApiKeys;
using TestKeys = SmpAftercare.Web.Tests.Api.ApiKeys;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Components;

/// <summary>The owner's interactive settings pages (clinic, reminders, API keys), driven as an owner does, on the real database.</summary>
public sealed class SettingsPagesTests(ComponentApp fixture) : StaffComponentTest(fixture)
{
    /// <summary>A clinic of its own per test, so one test's saved settings are not another's.</summary>
    private async Task<TestClinic> OwnClinicAsync()
    {
        var clinic = await App.SeedClinicAsync("Settings Test " + Guid.NewGuid().ToString("N")[..8]);
        SignInAs(clinic.Owner, clinic.Id);
        RenderProviders();
        return clinic;
    }

    private static IReadOnlyList<string> Messages<T>(IRenderedComponent<T> page)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        [.. page.FindAll(".mud-input-helper-text.mud-input-error, .mud-input-error .mud-input-helper-text, [data-testid=form-errors] div").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).Distinct()];

    private Task<T> ClinicAsync<T>(Guid id, Func<Domain.Clinics.Clinic, T> read) =>
        App.WithDbAsync(async db => read(await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == id)));

    [Fact]
    public async Task ClinicSettings_ValidatesAsYouType_KeepsTheInput_AndSavesNothingUntilRight()
    {
        var clinic = await OwnClinicAsync();
        var page = Render<ClinicSettings>();
        page.WaitForAssertion(() => Assert.Equal(clinic.Name, page.Find("#clinic-name").GetAttribute("value")));

        page.Find("#clinic-name").Input("");
        page.Find("#clinic-email").Input("desk-at-northside");
        page.Find("#link-days").Input("0");
        page.WaitForAssertion(() =>
        {
            Assert.Contains("Enter the clinic's name.", Messages(page));
            Assert.Contains("Enter a valid email address, like clinic@example.com.", Messages(page));
        });

        await page.Find("[data-testid=save-settings]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Choose between 1 and 3650 days.", Messages(page)));
        Assert.Equal("desk-at-northside", page.Find("#clinic-email").GetAttribute("value"));
        Assert.Equal(clinic.Name, await ClinicAsync(clinic.Id, c => c.Name));
        Assert.DoesNotContain("Settings saved.", Snackbars.Markup);
    }

    [Fact]
    public async Task ClinicSettings_Save_ShowsASnackbar_AndTheLogSaysWhatChanged()
    {
        var clinic = await OwnClinicAsync();
        var page = Render<ClinicSettings>();
        page.WaitForAssertion(() => page.Find("#link-days"));

        page.Find("#link-days").Input("120");
        await page.InvokeAsync(() => page.FindComponents<MudTimePicker>()[0].Instance.TimeChanged.InvokeAsync(new TimeSpan(8, 30, 0)));
        await page.Find("[data-testid=save-settings]").ClickAsync(new());

        Snackbars.WaitForAssertion(() => Assert.Contains("Settings saved.", Snackbars.Markup));
        Assert.Equal((120, new TimeOnly(8, 30)), await ClinicAsync(clinic.Id, c => (c.LinkValidityDays, c.ReminderWindowStart)));
        var details = await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.ClinicId == clinic.Id && a.Action == AuditActions.SettingsChanged).Select(a => a.Details).SingleAsync());
        Assert.Equal("Personal links keep working for: 90 days → 120 days; Reminder hours: 09:00 to 20:00 → 08:30 to 20:00", details);
    }

    [Fact]
    public async Task ClinicSettings_AdjustmentLimits_SaidInPlainWords_AnOwnerChangesThem_WithASnackbarAndTheLog()
    {
        var clinic = await OwnClinicAsync();
        var page = Render<ClinicSettings>();
        page.WaitForAssertion(() => page.Find("#adjust-shorter"));
        Assert.Contains("Technicians may lift a restriction up to 2 days early.", page.Markup);
        Assert.Contains("Technicians may keep a restriction up to 30 days longer.", page.Markup);

        page.Find("#adjust-shorter").Input("15");
        page.WaitForAssertion(() => Assert.Contains("Choose between 0 and 14 days: lifting a restriction earlier than that is a change to the protocol.", Messages(page)));
        await page.Find("[data-testid=save-settings]").ClickAsync(new());
        Assert.Equal(Domain.Aftercare.AdjustmentLimits.Default, await ClinicAsync(clinic.Id, c => c.AdjustmentLimits));
        Assert.DoesNotContain("Settings saved.", Snackbars.Markup);

        page.Find("#adjust-shorter").Input("1");
        page.Find("#adjust-longer").Input("60");
        page.WaitForAssertion(() => Assert.Contains("Technicians may lift a restriction up to 1 day early.", page.Markup));
        await page.Find("[data-testid=save-settings]").ClickAsync(new());

        Snackbars.WaitForAssertion(() => Assert.Contains("Settings saved.", Snackbars.Markup));
        Assert.Equal(new Domain.Aftercare.AdjustmentLimits(1, 60), await ClinicAsync(clinic.Id, c => c.AdjustmentLimits));
        var details = await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.ClinicId == clinic.Id && a.Action == AuditActions.SettingsChanged).Select(a => a.Details).SingleAsync());
        Assert.Equal("Technicians may lift a restriction early: up to 2 days → up to 1 day; Technicians may keep a restriction longer: up to 30 days → up to 60 days", details);
    }

    [Fact]
    public async Task ClinicSettings_RequireTwoFactor_RefusedUntilTheOwnerHasItThemselves()
    {
        var clinic = await OwnClinicAsync();
        var page = Render<ClinicSettings>();
        page.WaitForAssertion(() => page.Find("#require-2fa"));

        page.Find("#require-2fa").Change(true);
        await page.Find("[data-testid=save-settings]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains(ClinicSettingsSave.TwoFactorFirst, Messages(page)));
        Assert.False(await ClinicAsync(clinic.Id, c => c.RequireTwoFactor));
    }

    [Fact]
    public async Task ClinicSettings_ShowNoCodes_LocalesByHowTheirDatesLook()
    {
        await OwnClinicAsync();
        var page = Render<ClinicSettings>();
        page.WaitForAssertion(() => page.Find("#clinic-name"));

        Assert.Contains("English (UK) (02/03/2026)", page.Markup);
        Assert.DoesNotContain("en-GB", page.Markup);
    }

    [Fact]
    public async Task ReminderSettings_InvalidTemplate_SaysWhatIsWrong_ThenASaveRewritesTheSettingsWithASnackbar()
    {
        var clinic = await OwnClinicAsync();
        var page = Render<ReminderSettingsPage>();
        page.WaitForAssertion(() => page.Find("#ms-sms"));
        Assert.Contains("Getting your scalp wet", page.Markup);
        Assert.DoesNotContain("(wetting)", page.Markup, StringComparison.Ordinal);

        page.Find("#ms-sms").Input("{ClinicName}: {Changes} {TimelineLink}");
        page.WaitForAssertion(() => Assert.Contains("Add {OptOutLink}: every message lets the client stop reminders in one click.", Messages(page)));
        await page.Find("[data-testid=save-reminder-settings]").ClickAsync(new());
        Assert.False(await App.WithDbAsync(db => db.ReminderSettings.IgnoreQueryFilters().AnyAsync(s => s.ClinicId == clinic.Id)));

        page.Find("#ms-sms").Input("{ClinicName}: {Changes} {TimelineLink} Stop: {OptOutLink}");
        page.Find("#milestone-wetting").Change(false);
        await page.Find("[data-testid=save-reminder-settings]").ClickAsync(new());

        Snackbars.WaitForAssertion(() => Assert.Contains("Saved. Upcoming reminders now follow these settings.", Snackbars.Markup));
        var settings = await App.WithDbAsync(db => db.ReminderSettings.IgnoreQueryFilters().SingleAsync(s => s.ClinicId == clinic.Id));
        Assert.DoesNotContain("wetting", settings.EnabledMilestoneCodes, StringComparison.Ordinal);
        var details = await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.ClinicId == clinic.Id && a.Action == ReminderAuditActions.SettingsChanged).Select(a => a.Details!).SingleAsync());
        Assert.StartsWith("Restrictions announced: getting your scalp wet, ", details, StringComparison.Ordinal);
        Assert.Contains("Milestone text message: ", details, StringComparison.Ordinal);
        Assert.DoesNotContain("wetting,", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeys_CreateShowsTheKeyOnce_RevokeAsksFirst_ThenTheKeyStopsWorking()
    {
        var clinic = await OwnClinicAsync();
        var client = await App.Client(clinic).SaveAsync();
        var page = Render<ApiKeysPage>();
        page.WaitForAssertion(() => page.Find("#api-key-label"));

        await page.Find("[data-testid=create-key]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Name the key after what will use it, like \"Booking system\".", Messages(page)));
        Assert.Equal(0, await App.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().CountAsync(k => k.ClinicId == clinic.Id)));

        page.Find("#api-key-label").Input("Booking system");
        await page.Find("[data-testid=create-key]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#new-api-key")));
        var key = page.Find("#new-api-key").TextContent.Trim();
        Assert.StartsWith("smp_", key, StringComparison.Ordinal);
        Snackbars.WaitForAssertion(() => Assert.Contains("Key “Booking system” created.", Snackbars.Markup));
        var stored = await App.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().SingleAsync(k => k.ClinicId == clinic.Id));
        Assert.Equal(ApiKey.HashOf(key), stored.Hash);
        Assert.DoesNotContain(key, Render<ApiKeysPage>().Markup, StringComparison.Ordinal); // another visit never shows it again
        using var api = ApiCaller.For(App, key);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync($"/api/v1/clients/{client.Id}")).Status);

        page.Find($"[data-testid=revoke-{stored.Start}]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Revoke this key?", Dialogs.Markup));
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep it").Click();
        Assert.Null(await App.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().Where(k => k.Id == stored.Id).Select(k => k.RevokedAtUtc).SingleAsync()));

        page.Find($"[data-testid=revoke-{stored.Start}]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Revoke this key?", Dialogs.Markup));
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Key “Booking system” revoked.", Snackbars.Markup));
        page.WaitForAssertion(() => Assert.Contains("revoked", page.Find("[data-testid=api-keys]").TextContent));
        TestKeys.AssertProblem(await api.GetAsync($"/api/v1/clients/{client.Id}"), System.Net.HttpStatusCode.Unauthorized);
        var audit = await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.ClinicId == clinic.Id).Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.ApiKeyCreated, audit);
        Assert.Contains(AuditActions.ApiKeyRevoked, audit);
    }

    [Fact]
    public async Task ApiKeys_ListsThisClinicsKeysOnly()
    {
        await OwnClinicAsync();
        var other = await App.SeedClinicAsync("Southside " + Guid.NewGuid().ToString("N")[..6]);
        await App.ApiKeyAsync(other, label: "Their booking system");

        var page = Render<ApiKeysPage>();

        page.WaitForAssertion(() => Assert.Contains("No keys yet.", page.Markup));
        Assert.DoesNotContain("Their booking system", page.Markup);
    }
}
