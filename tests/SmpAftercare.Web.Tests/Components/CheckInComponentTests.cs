using Bunit;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.CheckIns;
using SmpAftercare.Web.Features.CheckIns;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Components;

/// <summary>The clinic's side of check-ins, Monday 2 March 2026 in London.</summary>
public sealed class CheckInComponentTests(ComponentApp fixture) : StaffComponentTest(fixture)
{
    private async Task<(SeededClient Client, CheckIn CheckIn)> CheckedInAsync(TestClinic clinic, string name, params string[] signs)
    {
        var client = await App.Client(clinic).Named(name).WithSession("2026-02-27 10:00").SaveAsync();
        var checkIn = CheckIn.Submit(clinic.Id, client.Id, new DateOnly(2026, 3, 2), 3, 1, signs, "It feels hot", App.Clock.GetUtcNow().UtcDateTime);
        await App.WithDbAsync(async db =>
        {
            db.CheckIns.Add(checkIn);
            db.CheckInPhotos.Add(CheckInPhoto.Create(Guid.NewGuid(), checkIn, PhotoAngle.Crown, 1600, 1200, 250_000, false, App.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        return (client, checkIn);
    }

    [Fact]
    public async Task ClientCheckIns_ShowTheOpenAlert_AndMarkingItSeenKeepsTheNote_AndAuditsIt()
    {
        var (client, checkIn) = await CheckedInAsync(Clinic, "Robin Warning", "swelling", "flaking");
        RenderProviders();

        var part = Render<ClientCheckIns>(p => p.Add(c => c.ClientId, client.Id));

        part.WaitForAssertion(() => Assert.Contains("Warning sign on day 3 after session 1", part.Find("[data-testid=client-check-in-alert]").TextContent));
        Assert.Contains("Swelling", part.Find("[data-testid=client-check-in-alert]").TextContent);
        Assert.Single(part.FindAll("[data-testid=photos-crown] img"));
        part.Find($"[data-testid=seen-note-{checkIn.Id}]").Change("Phoned: antihistamine, seeing her tomorrow");
        part.Find($"[data-testid=mark-seen-{checkIn.Id}]").Click();

        part.WaitForAssertion(() => Assert.Empty(part.FindAll("[data-testid=client-check-in-alert]")));
        Assert.Contains("Phoned: antihistamine, seeing her tomorrow", part.Markup);
        var saved = await App.WithDbAsync(db => db.CheckIns.IgnoreQueryFilters().SingleAsync(c => c.Id == checkIn.Id));
        Assert.Equal(("Technician of Northside SMP", "Phoned: antihistamine, seeing her tomorrow"), (saved.SeenBy, saved.SeenNote));
        Assert.Equal(1, await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.ClientId == client.Id && a.Action == CheckInAuditActions.AlertSeen)));
    }

    [Fact]
    public async Task AnotherClinicsCheckIns_AreNotShown()
    {
        var other = await App.SeedClinicAsync("Eastside SMP");
        var (client, _) = await CheckedInAsync(other, "Sky Elsewhere", "allergy");

        var part = Render<ClientCheckIns>(p => p.Add(c => c.ClientId, client.Id));

        part.WaitForAssertion(() => Assert.Contains("No check-ins yet", part.Markup));
        Assert.DoesNotContain("Sky Elsewhere", Render<CheckInAlertsCard>().Markup);
    }

    [Fact]
    public async Task SettingsPage_RefusesADayOutOfRange_WithASentence_ThenSavesTheDays()
    {
        SignInAs(Clinic.Owner, Clinic.Id);
        RenderProviders();
        var page = Render<CheckInSettingsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=after-final]")));

        page.Find("[data-testid=after-final]").Input("7, 300");
        page.Find("[data-testid=save-check-ins]").Click();
        page.WaitForAssertion(() => Assert.Contains("Check-in days after the final session are between day 1 and day 90.", page.Markup));

        page.Find("[data-testid=after-each]").Input("2");
        page.Find("[data-testid=after-final]").Input("10, 40");
        page.Find("[data-testid=save-check-ins]").Click();

        page.WaitForAssertion(() => Assert.Contains("Check-in settings saved.", Snackbars.Markup));
        var settings = await App.WithDbAsync(db => db.CheckInSettings.IgnoreQueryFilters().SingleAsync(s => s.ClinicId == Clinic.Id));
        Assert.Equal(("2", "10, 40"), (CheckInSchedule.Format(settings.Schedule.AfterEachSession), CheckInSchedule.Format(settings.Schedule.AfterFinalSession)));
    }
}
