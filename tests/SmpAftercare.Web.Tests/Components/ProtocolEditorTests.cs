using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Web.Features.Protocol;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Components;

/// <summary>
/// The owner edits the protocol and moves clients to the new version (today Monday 2 March 2026 in London). Every
/// test seeds its own clinic: versions and moves are clinic-wide.
/// </summary>
public sealed class ProtocolEditorTests(ComponentApp fixture) : StaffComponentTest(fixture)
{
    private async Task<TestClinic> OwnClinicAsync(string name)
    {
        var clinic = await App.SeedClinicAsync(name);
        SignInAs(clinic.Owner, clinic.Id);
        RenderProviders();
        return clinic;
    }

    private IRenderedComponent<ProtocolEdit> Editor()
    {
        var editor = Render<ProtocolEdit>();
        editor.WaitForAssertion(() => editor.Find("[data-testid=save-protocol]"));
        return editor;
    }

    private static IReadOnlyList<string> Messages(IRenderedComponent<ProtocolEdit> editor) =>
        [.. editor.FindAll(".mud-input-helper-text.mud-input-error, .mud-input-error .mud-input-helper-text, [data-testid=form-errors] div")
            .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).Distinct()];

    private static string Text(IRenderedComponent<ProtocolEdit> editor, string testId) =>
        string.Join(' ', editor.Find($"[data-testid={testId}]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private Task<List<ProtocolVersion>> VersionsAsync(Guid clinicId) =>
        App.WithDbAsync(db => db.ProtocolVersions.IgnoreQueryFilters().Where(v => v.ClinicId == clinicId).OrderBy(v => v.Version).ToListAsync());

    [Fact]
    public async Task Editor_ShowsPlainNames_NoCodesOrArticleNumbers()
    {
        await OwnClinicAsync("Plain Names SMP");

        var editor = Editor();

        Assert.Equal("Getting your scalp wet", editor.Find("#rule-0-activity").GetAttribute("value"));
        Assert.Equal("Every session", editor.Find("#rule-0-anchor").GetAttribute("value"));
        Assert.StartsWith("“Why is my scalp flaky after SMP?”", editor.Find("#rule-0-source").TextContent.Trim() is { Length: > 0 } t ? t : editor.Find("#rule-0-source").GetAttribute("value"), StringComparison.Ordinal);
        var text = editor.Find("main, body, div").TextContent + string.Join(' ', editor.FindAll("input, textarea").Select(i => i.GetAttribute("value") ?? i.TextContent));
        foreach (var code in new[] { "wetting", "moisturize", "EverySession", "002", "004" })
        {
            Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Editor_PreviewAndComparison_FollowEveryEdit_ThenSaveMakesVersion2AndAuditsBeforeAndAfter()
    {
        var clinic = await OwnClinicAsync("Preview SMP");
        var editor = Editor();
        Assert.Contains("You can rinse your scalp with warm water again from Fri 6 Mar", Text(editor, "preview-milestones"), StringComparison.Ordinal);
        Assert.Contains("Nothing changed yet.", Text(editor, "protocol-changes"), StringComparison.Ordinal);

        editor.Find("#rule-0-to").Input("4");

        editor.WaitForAssertion(() => Assert.Contains("You can rinse your scalp with warm water again from Sat 7 Mar", Text(editor, "preview-milestones"), StringComparison.Ordinal));
        Assert.Contains("Avoid getting your scalp wet after every session", Text(editor, "protocol-changes"), StringComparison.Ordinal);
        Assert.Contains("Days 0-3 → days 0-4", Text(editor, "protocol-changes"), StringComparison.Ordinal);
        Assert.Single(await VersionsAsync(clinic.Id)); // nothing saved by previewing

        await editor.Find("[data-testid=save-protocol]").ClickAsync(new());

        editor.WaitForAssertion(() => Assert.Contains("Version 2 saved.", Snackbars.Markup, StringComparison.Ordinal));
        Assert.EndsWith("/protocol", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        var versions = await VersionsAsync(clinic.Id);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(3, versions[0].Rules.Single(r => r.Position == 0).ToDay);
        Assert.Equal(4, versions[1].Rules.Single(r => r.Position == 0).ToDay);
        Assert.Equal(15, versions[1].Rules.Count);
        Assert.Equal(clinic.Owner.FullName, versions[1].CreatedBy);
        var audit = await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.ClinicId == clinic.Id && a.Action == AuditActions.ProtocolSaved).SingleAsync());
        Assert.Contains("Days 0-3 → days 0-4", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editor_SwitchingARuleOff_KeepsItInTheNewVersionButNotInForce_AndThePreviewDropsIt()
    {
        var clinic = await OwnClinicAsync("Switch Off SMP");
        var editor = Editor();
        Assert.Contains("Swimming", Text(editor, "protocol-preview"), StringComparison.Ordinal);

        editor.Find("#rule-7-on").Change(false);
        editor.Find("#rule-10-on").Change(false);

        editor.WaitForAssertion(() => Assert.Contains("Switched off", Text(editor, "protocol-changes"), StringComparison.Ordinal));
        await editor.Find("[data-testid=save-protocol]").ClickAsync(new());
        editor.WaitForAssertion(() => Assert.Contains("Version 2 saved.", Snackbars.Markup, StringComparison.Ordinal));
        var latest = (await VersionsAsync(clinic.Id))[^1];
        Assert.False(latest.Rules.Single(r => r.Position == 7).Enabled);
        Assert.Equal(13, latest.ToProtocol().Rules.Count);
    }

    [Theory]
    [InlineData("rule-0-from", "5", "A rule cannot end before it starts.")]
    [InlineData("rule-2-instruction", "", "Write the instruction the client reads.")]
    [InlineData("rule-3-source", " ", "Say where this rule comes from (an article, your clinic's practice).")]
    [InlineData("rule-5-from", "", "Enter the first day (0 is the day of the session).")]
    public async Task Editor_InvalidLine_PlainMessage_InputKept_NoVersion(string field, string value, string message)
    {
        var clinic = await OwnClinicAsync("Invalid Line SMP " + field + value.Length);
        var editor = Editor();
        editor.Find("#rule-6-instruction").Input("A change elsewhere that must survive the failed save.");
        editor.Find($"#{field}").Input(value);

        await editor.Find("[data-testid=save-protocol]").ClickAsync(new());

        editor.WaitForAssertion(() => Assert.Contains(message, Messages(editor)));
        Assert.Equal("A change elsewhere that must survive the failed save.", editor.Find("#rule-6-instruction").TextContent.Trim() is { Length: > 0 } t ? t : editor.Find("#rule-6-instruction").GetAttribute("value"));
        Assert.Single(await VersionsAsync(clinic.Id));
    }

    [Fact]
    public async Task Editor_NewRuleWithoutActivity_AsksForOne_EveryRuleOff_Refused()
    {
        var clinic = await OwnClinicAsync("New Rule SMP");
        var editor = Editor();
        await editor.Find("[data-testid=add-rule]").ClickAsync(new());
        editor.Find("#rule-15-instruction").Input("Drink water.");

        await editor.Find("[data-testid=save-protocol]").ClickAsync(new());
        editor.WaitForAssertion(() => Assert.Contains("Choose an activity, or clear this row.", Messages(editor)));

        for (var i = 0; i < 16; i++)
        {
            editor.Find($"#rule-{i}-on").Change(false);
        }

        await editor.Find("[data-testid=save-protocol]").ClickAsync(new());
        editor.WaitForAssertion(() => Assert.Contains("Switch on at least one rule: a protocol with no rules would give clients no aftercare.", Messages(editor)));
        Assert.Contains("Switch on at least one complete rule to see the preview.", Text(editor, "protocol-preview"), StringComparison.Ordinal);
        Assert.Single(await VersionsAsync(clinic.Id));
    }

    [Fact]
    public async Task Editor_SomeoneSavedMeanwhile_RefusedOnceWithInputKept_ThenSaves()
    {
        var clinic = await OwnClinicAsync("Meanwhile SMP");
        var editor = Editor();
        editor.Find("#rule-0-to").Input("4");
        await App.SaveProtocolVersionAsync(clinic, 1, toDay: 7);

        await editor.Find("[data-testid=save-protocol]").ClickAsync(new());

        editor.WaitForAssertion(() => Assert.Contains(Messages(editor), m => m.StartsWith("The protocol was changed by someone else while you edited it (it is now version 2).", StringComparison.Ordinal)));
        Assert.Equal("4", editor.Find("#rule-0-to").GetAttribute("value"));
        Assert.Equal(2, (await VersionsAsync(clinic.Id)).Count);

        await editor.Find("[data-testid=save-protocol]").ClickAsync(new());

        editor.WaitForAssertion(() => Assert.Contains("Version 3 saved.", Snackbars.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reset_AskedFirst_ThenSavesTheDefaultProtocolAsANewVersion()
    {
        var clinic = await OwnClinicAsync("Reset SMP");
        await App.SaveProtocolVersionAsync(clinic, 0, toDay: 5);
        var editor = Editor();

        var reset = editor.Find("[data-testid=reset-protocol]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Dialogs.Find("[data-testid=reset-dialog-confirm]"));
        await Dialogs.Find("[data-testid=reset-dialog-confirm]").ClickAsync(new());
        await reset;

        editor.WaitForAssertion(() => Assert.Contains("Version 3 saved.", Snackbars.Markup, StringComparison.Ordinal));
        var versions = await VersionsAsync(clinic.Id);
        Assert.Equal(Domain.Aftercare.DefaultProtocol.Smp.Rules.Select(r => r.ToString()), versions[2].ToProtocol().Rules.Select(r => r.ToString()));
        Assert.Equal(5, versions[1].Rules.Single(r => r.Position == 0).ToDay);
    }

    [Fact]
    public async Task View_ComparesAnyTwoVersionsReadably()
    {
        var clinic = await OwnClinicAsync("Compare SMP");
        await App.SaveProtocolVersionAsync(clinic, 0, toDay: 4);

        var view = Render<ProtocolView>();

        view.WaitForAssertion(() =>
        {
            var changes = string.Join(' ', view.Find("[data-testid=protocol-changes]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("Avoid getting your scalp wet after every session", changes, StringComparison.Ordinal);
            Assert.Contains("Days 0-3 → days 0-4", changes, StringComparison.Ordinal);
        });
        Assert.Equal("Version 1", view.Find("#compare-from").GetAttribute("value"));
        Assert.Equal("Version 2", view.Find("#compare-to").GetAttribute("value"));
    }

    [Fact]
    public async Task View_MoveClientsInActiveAftercare_ConfirmedAuditedAndRemindersReplanned_OthersStay()
    {
        var clinic = await OwnClinicAsync("Move SMP");
        var healing = await App.Client(clinic).Named("Healing Client").WithSession("2026-03-02 09:00").SaveAsync();
        var healed = await App.Client(clinic).Named("Healed Client").WithSession("2025-10-01 09:00").SaveAsync();
        var v2 = await App.SaveProtocolVersionAsync(clinic, 0, toDay: 4);
        var view = Render<ProtocolView>();
        view.WaitForAssertion(() => Assert.Contains("Healing Client", view.Find("[data-testid=move-candidates]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Healed Client", view.Find("[data-testid=move-candidates]").TextContent, StringComparison.Ordinal);

        var declined = view.Find("[data-testid=move-clients-button]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("Healing Client (now on version 1)", Dialogs.Find("[data-testid=move-dialog]").TextContent, StringComparison.Ordinal));
        await Dialogs.Find("[data-testid=move-dialog-cancel]").ClickAsync(new());
        await declined;
        Assert.All(await SessionVersions(), v => Assert.Equal(clinic.ProtocolVersionId, v));

        var confirmed = view.Find("[data-testid=move-clients-button]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Dialogs.Find("[data-testid=move-dialog-confirm]"));
        await Dialogs.Find("[data-testid=move-dialog-confirm]").ClickAsync(new());
        await confirmed;

        view.WaitForAssertion(() => Assert.Contains("1 client moved to version 2; their reminders were replanned.", Snackbars.Markup, StringComparison.Ordinal));
        view.WaitForAssertion(() => Assert.Contains("every client in active aftercare follows version 2", view.Find("[data-testid=move-clients]").TextContent, StringComparison.Ordinal));
        var sessions = await App.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().Where(s => s.ClinicId == clinic.Id).ToDictionaryAsync(s => s.ClientId, s => s.ProtocolVersionId));
        Assert.Equal(v2, sessions[healing.Id]);
        Assert.Equal(clinic.ProtocolVersionId, sessions[healed.Id]);
        // Getting the scalp wet is allowed a day later under version 2: the reminder moved with it.
        var wetting = await App.WithDbAsync(db => db.Reminders.IgnoreQueryFilters().Where(r => r.ClientId == healing.Id).Select(r => r.AnnouncedDate).ToListAsync());
        Assert.Contains(new DateOnly(2026, 3, 7), wetting);
        Assert.DoesNotContain(new DateOnly(2026, 3, 6), wetting);
        var audit = await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.Action == AuditActions.ProtocolClientMoved).ToListAsync());
        var row = Assert.Single(audit);
        Assert.Equal((healing.Id, clinic.Owner.Id), (row.ClientId, row.UserId));
        Assert.Equal("Moved from version 1 to version 2; reminders replanned", row.Details);

        Task<List<Guid>> SessionVersions() =>
            App.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().Where(s => s.ClinicId == clinic.Id).Select(s => s.ProtocolVersionId).ToListAsync());
    }

    [Fact]
    public async Task AnotherClinicsVersion_NotFound_AndCannotBeMovedTo()
    {
        var mine = await OwnClinicAsync("Tenant Protocol Mine");
        var other = await App.SeedClinicAsync("Tenant Protocol Theirs");
        var theirClient = await App.Client(other).Named("Their Client").WithSession("2026-03-02 09:00").SaveAsync();
        var theirV2 = await App.SaveProtocolVersionAsync(other, 0, toDay: 4);

        var view = Render<ProtocolView>(p => p.Add(v => v.Id, other.ProtocolVersionId));
        view.WaitForAssertion(() => Assert.Contains("Not found", view.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Tenant Protocol Theirs", view.Markup, StringComparison.Ordinal);

        var staff = await Services.GetRequiredService<Web.Infrastructure.Staff.CurrentStaff>().GetAsync();
        MoveOutcome outcome;
        await using (var db = await Services.GetRequiredService<IDbContextFactory<Data.AppDbContext>>().CreateDbContextAsync())
        {
            outcome = await Services.GetRequiredService<ProtocolMove>().MoveAsync(db, theirV2, [theirClient.Id], staff);
        }

        Assert.Equal("There is no such protocol version in your clinic.", Assert.IsType<MoveOutcome.Refused>(outcome).Message);
        Assert.Equal(other.ProtocolVersionId, await App.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().Where(s => s.ClientId == theirClient.Id).Select(s => s.ProtocolVersionId).SingleAsync()));
        Assert.Equal(mine.Id, staff.ClinicId);
    }
}
