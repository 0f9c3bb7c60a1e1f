using Bunit;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Web.Features.Sessions;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Components;

/// <summary>
/// Logging, changing and deleting sessions as a technician does it (clinic in London, today Monday 2 March 2026
/// 10:00). Each test has its own client; the clinic is shared by the class.
/// </summary>
public sealed class SessionEditorTests(ComponentApp fixture) : StaffComponentTest(fixture)
{
    private IRenderedComponent<SessionEditor> LogFor(Guid clientId)
    {
        RenderProviders();
        var editor = Render<SessionEditor>(p => p.Add(e => e.ClientId, clientId));
        editor.WaitForAssertion(() => editor.Find("[data-testid=save-session]"));
        return editor;
    }

    private IRenderedComponent<SessionEditor> Edit(Guid sessionId)
    {
        RenderProviders();
        var editor = Render<SessionEditor>(p => p.Add(e => e.SessionId, sessionId));
        editor.WaitForAssertion(() => editor.Find("[data-testid=save-session]"));
        return editor;
    }

    private static IReadOnlyList<string> Messages(IRenderedComponent<SessionEditor> editor) =>
        [.. editor.FindAll(".mud-input-helper-text.mud-input-error, .mud-input-error .mud-input-helper-text, [data-testid=form-errors] div, [data-testid=final-error]")
            .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).Distinct()];

    private static Task SaveAsync(IRenderedComponent<SessionEditor> editor) => editor.Find("[data-testid=save-session]").ClickAsync(new());

    /// <summary>Types into a field and leaves it, as a person does (the pickers take their text when the field is left).</summary>
    private static void Type(IRenderedComponent<SessionEditor> editor, string id, string value)
    {
        // Text fields take each keystroke; the pickers' text inputs take what is typed when it changes.
        if (id is "session-date" or "session-time")
        {
            editor.Find($"#{id}").Change(value);
        }
        else
        {
            editor.Find($"#{id}").Input(value);
        }

        editor.Find($"#{id}").Blur();
    }

    private Task<List<TreatmentSession>> SessionsOf(Guid clientId) =>
        App.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().Where(s => s.ClientId == clientId).OrderBy(s => s.StartsAtUtc).ToListAsync());

    private Task<List<string>> AuditOf(Guid clientId) =>
        App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.ClientId == clientId).Select(a => a.Action).ToListAsync());

    [Fact]
    public async Task Log_OffersTodayAndTheSignedInTechnician_HasNoNumberToType_AndSaysWhatItSaved()
    {
        var client = await App.Client(Clinic).Named("Log Default").WithSession("2026-02-10 10:00").SaveAsync();
        var editor = LogFor(client.Id);

        Assert.Equal("02/03/2026", editor.Find("#session-date").GetAttribute("value"));
        Assert.Equal("10:00", editor.Find("#session-time").GetAttribute("value"));
        Assert.Equal(Clinic.Technician.FullName, editor.Find("#session-tech").GetAttribute("value"));
        Assert.DoesNotContain("SessionNumber", editor.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("number", editor.FindAll("label").Select(l => l.TextContent.ToLowerInvariant()));
        Type(editor, "session-pigment", "Pigment B2");

        await SaveAsync(editor);

        editor.WaitForAssertion(() => Assert.Contains("Session 2 logged for Log Default.", Snackbars.Markup, StringComparison.Ordinal));
        Assert.NotNull(editor.Find("[data-testid=print-sheet]"));
        var sessions = await SessionsOf(client.Id);
        Assert.Equal([1, 2], sessions.Select(s => s.SessionNumber));
        Assert.Equal(new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc), sessions[1].StartsAtUtc);
        Assert.Equal("Pigment B2", sessions[1].PigmentNotes);
        Assert.Equal(Clinic.Technician.Id, sessions[1].TechnicianId);
        Assert.Contains(AuditActions.SessionLogged, await AuditOf(client.Id));
        Assert.NotEmpty(await App.WithDbAsync(db => db.Reminders.IgnoreQueryFilters().Where(r => r.ClientId == client.Id).ToListAsync()));
    }

    [Fact]
    public async Task Log_AForgottenEarlierSession_IsBackfilledAndTheLaterOnesRenumbered()
    {
        var client = await App.Client(Clinic).Named("Backfill").WithSession("2026-02-10 10:00").WithSession("2026-02-24 10:00").SaveAsync();
        var editor = LogFor(client.Id);

        Type(editor, "session-date", "01/02/2026");
        await SaveAsync(editor);

        editor.WaitForAssertion(() => Assert.Contains("Session 1 logged for Backfill.", Snackbars.Markup, StringComparison.Ordinal));
        var sessions = await SessionsOf(client.Id);
        Assert.Equal([1, 2, 3], sessions.Select(s => s.SessionNumber));
        Assert.Equal(new DateTime(2026, 2, 1, 10, 0, 0, DateTimeKind.Utc), sessions[0].StartsAtUtc);
        Assert.Equal([client.SessionIds[0], client.SessionIds[1]], sessions.Skip(1).Select(s => s.Id));
    }

    [Theory]
    [InlineData("01/06/2027", "10:00", "1 Jun 2027 is more than a year ahead: check the year. Sessions can be logged up to 2 Mar 2027.")]
    [InlineData("01/01/2020", "10:00", "1 Jan 2020 is more than a year ago: check the year.")]
    [InlineData("10/02/2026", "10:00", "Session 1 already starts at this moment.")]
    [InlineData("29/03/2026", "01:30", "01:30 does not exist on 29 Mar 2026 in Europe/London: the clocks go forward. Use the time shown on the clinic's clock.")]
    public async Task Log_BadDateOrTime_PlainMessage_InputKept_NothingSaved(string date, string time, string message)
    {
        var client = await App.Client(Clinic).Named("Bad When " + date).WithSession("2026-02-10 10:00").SaveAsync();
        var editor = LogFor(client.Id);
        Type(editor, "session-pigment", "Pigment B2");
        Type(editor, "session-date", date);
        Type(editor, "session-time", time);

        await SaveAsync(editor);

        editor.WaitForAssertion(() => Assert.Contains(Messages(editor), m => m.StartsWith(message, StringComparison.Ordinal)));
        Assert.Equal("Pigment B2", editor.Find("#session-pigment").GetAttribute("value"));
        Assert.Equal(date, editor.Find("#session-date").GetAttribute("value"));
        Assert.DoesNotContain(Messages(editor), m => m.Contains("is not valid", StringComparison.Ordinal) || m.Contains('\'', StringComparison.Ordinal) && m.Contains("must", StringComparison.Ordinal));
        Assert.Single(await SessionsOf(client.Id));
    }

    [Fact]
    public async Task Log_WithoutTechnicianOrDate_AsksForThem_SavesNothing()
    {
        var client = await App.Client(Clinic).Named("Missing Bits").SaveAsync();
        SignInAs(Clinic.Reception, Clinic.Id); // not a technician: nobody is chosen for them
        try
        {
            var editor = LogFor(client.Id);
            Assert.Equal(string.Empty, editor.Find("#session-tech").GetAttribute("value") ?? string.Empty);
            Type(editor, "session-date", "");

            await SaveAsync(editor);

            editor.WaitForAssertion(() =>
            {
                Assert.Contains("Choose the technician.", Messages(editor));
                Assert.Contains("Enter the session date.", Messages(editor));
            });
            Assert.Empty(await SessionsOf(client.Id));
        }
        finally
        {
            SignInAs(Clinic.Technician, Clinic.Id);
        }
    }

    [Fact]
    public async Task Log_AfterTheFinalSession_IsRefusedNextToTheFinalBox()
    {
        var client = await App.Client(Clinic).Named("After Final").WithSession("2026-02-10 10:00", final: true).SaveAsync();
        var editor = LogFor(client.Id);

        await SaveAsync(editor);

        editor.WaitForAssertion(() => Assert.Contains("Session 1 (10 Feb 2026 10:00) is marked final. Edit it first if the treatment goes on.", Messages(editor)));
        Assert.Single(await SessionsOf(client.Id));
    }

    [Fact]
    public async Task Log_ForAClientWithContraindications_AsksInADialog_ButtonDisabledMeanwhile_SavesOnlyWhenConfirmed()
    {
        var client = await App.Client(Clinic).Named("Keloid New").WithKeloidHistory().SaveAsync();
        var editor = LogFor(client.Id);

        var first = SaveAsync(editor);
        Dialogs.WaitForAssertion(() => Assert.Contains("Keloid scarring history", Dialogs.Find("[data-testid=contraindication-dialog]").TextContent, StringComparison.Ordinal));
        // The save is in flight while the question is open: its button cannot be pressed again.
        Assert.True(editor.Find("[data-testid=save-session]").HasAttribute("disabled"));
        await Dialogs.Find("[data-testid=contraindication-dialog-cancel]").ClickAsync(new());
        await first;
        Assert.Empty(await SessionsOf(client.Id));
        editor.WaitForAssertion(() => Assert.False(editor.Find("[data-testid=save-session]").HasAttribute("disabled")));

        var second = SaveAsync(editor);
        Dialogs.WaitForAssertion(() => Dialogs.Find("[data-testid=contraindication-dialog-confirm]"));
        await Dialogs.Find("[data-testid=contraindication-dialog-confirm]").ClickAsync(new());
        await second;

        editor.WaitForAssertion(() => Assert.Contains("Session 1 logged for Keloid New.", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Single(await SessionsOf(client.Id));
    }

    [Fact]
    public async Task Edit_OfAContraindicatedClientsSession_DoesNotAskAgain_AndMarkingFinalIsAudited()
    {
        var client = await App.Client(Clinic).Named("Keloid Edit").WithKeloidHistory().WithSession("2026-02-10 10:00").SaveAsync();
        var editor = Edit(client.SessionIds[0]);
        Assert.Contains("Edit session 1 for Keloid Edit", editor.Find("h1").TextContent, StringComparison.Ordinal);

        editor.Find("#session-final").Change(true);
        await SaveAsync(editor);

        editor.WaitForAssertion(() => Assert.Contains("Session 1 of Keloid Edit saved.", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Empty(Dialogs.FindAll("[data-testid=contraindication-dialog]"));
        Assert.True((await SessionsOf(client.Id)).Single().IsFinal);
        Assert.Contains(AuditActions.SessionUpdated, await AuditOf(client.Id));
    }

    [Fact]
    public async Task Edit_MovingBeforeThePreviousSession_RenumbersBoth()
    {
        var client = await App.Client(Clinic).Named("Move Back").WithSession("2026-02-01 10:00").WithSession("2026-02-15 10:00").SaveAsync();
        var editor = Edit(client.SessionIds[1]);

        Type(editor, "session-date", "20/01/2026");
        await SaveAsync(editor);

        editor.WaitForAssertion(() => Assert.Contains("Session 1 of Move Back saved.", Snackbars.Markup, StringComparison.Ordinal));
        var numbers = (await SessionsOf(client.Id)).ToDictionary(s => s.Id, s => s.SessionNumber);
        Assert.Equal((1, 2), (numbers[client.SessionIds[1]], numbers[client.SessionIds[0]]));
    }

    [Fact]
    public async Task Log_WithinSevenDays_SpacingDialogFirst_SavesOnlyWhenAccepted()
    {
        var client = await App.Client(Clinic).Named("Close Together").WithSession("2026-02-26 10:00").SaveAsync();
        var editor = LogFor(client.Id);

        var first = SaveAsync(editor);
        Dialogs.WaitForAssertion(() =>
        {
            var text = Dialogs.Find("[data-testid=spacing-dialog]").TextContent;
            Assert.Contains("comes 4 days after session 1", text, StringComparison.Ordinal);
            Assert.Contains("at least 7 days to heal", text, StringComparison.Ordinal);
        });
        await Dialogs.Find("[data-testid=spacing-dialog-cancel]").ClickAsync(new());
        await first;
        Assert.Single(await SessionsOf(client.Id));

        var second = SaveAsync(editor);
        Dialogs.WaitForAssertion(() => Dialogs.Find("[data-testid=spacing-dialog-confirm]"));
        await Dialogs.Find("[data-testid=spacing-dialog-confirm]").ClickAsync(new());
        await second;

        editor.WaitForAssertion(() => Assert.Contains("Session 2 logged for Close Together.", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(2, (await SessionsOf(client.Id)).Count);
    }

    [Fact]
    public async Task Log_TwoOpenFormsForOneClient_TheSecondSaveIsRefused_WithItsInputKept()
    {
        var client = await App.Client(Clinic).Named("Two Tabs").SaveAsync();
        var firstTab = LogFor(client.Id);
        var secondTab = Render<SessionEditor>(p => p.Add(e => e.ClientId, client.Id));
        secondTab.WaitForAssertion(() => secondTab.Find("[data-testid=save-session]"));
        Type(secondTab, "session-needle", "3RL");

        await SaveAsync(firstTab);
        firstTab.WaitForAssertion(() => firstTab.Find("[data-testid=session-saved]"));
        await SaveAsync(secondTab);

        secondTab.WaitForAssertion(() => Assert.Contains(Messages(secondTab), m => m.StartsWith("This client's sessions changed after you opened this form, so nothing was saved.", StringComparison.Ordinal)));
        Assert.Equal("3RL", secondTab.Find("#session-needle").GetAttribute("value"));
        Assert.Single(await SessionsOf(client.Id));

        // Checked against the sessions as they are now, the same input is a clash, still not a second row.
        await SaveAsync(secondTab);
        secondTab.WaitForAssertion(() => Assert.Contains("Session 1 already starts at this moment.", Messages(secondTab)));
        Assert.Single(await SessionsOf(client.Id));
    }

    [Fact]
    public async Task Delete_RemovesTheSessionAndItsReminders_ASecondClickChangesNothing()
    {
        var client = await App.Client(Clinic).Named("Delete Me").WithSession("2026-02-28 10:00").WithSession("2026-03-14 10:00").SaveAsync();
        RenderProviders();
        var page = Render<SessionDelete>(p => p.Add(d => d.SessionId, client.SessionIds[0]));
        page.WaitForAssertion(() => Assert.Contains("Delete session 1 of Delete Me?", page.Find("h1").TextContent, StringComparison.Ordinal));

        await page.Find("[data-testid=delete-session]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Session deleted from Delete Me's record.", Snackbars.Markup, StringComparison.Ordinal));
        var left = Assert.Single(await SessionsOf(client.Id));
        Assert.Equal((client.SessionIds[1], 1), (left.Id, left.SessionNumber));
        Assert.Contains(AuditActions.SessionDeleted, await AuditOf(client.Id));
    }

    [Fact]
    public async Task AnotherClinicsClientOrSession_NotFound_NothingShownOrChanged()
    {
        var other = await App.SeedClinicAsync("Sessions Other Clinic");
        var theirs = await App.Client(other).Named("Not Yours").WithSession("2026-02-10 10:00").SaveAsync();
        RenderProviders();

        var log = Render<SessionEditor>(p => p.Add(e => e.ClientId, theirs.Id));
        var edit = Render<SessionEditor>(p => p.Add(e => e.SessionId, theirs.SessionIds[0]));
        var delete = Render<SessionDelete>(p => p.Add(d => d.SessionId, theirs.SessionIds[0]));

        foreach (var markup in new Func<string>[] { () => log.Markup, () => edit.Markup, () => delete.Markup })
        {
            log.WaitForAssertion(() => Assert.Contains("Not found", markup(), StringComparison.Ordinal));
            Assert.DoesNotContain("Not Yours", markup(), StringComparison.Ordinal);
            Assert.DoesNotContain("save-session", markup(), StringComparison.Ordinal);
        }

        var session = Assert.Single(await SessionsOf(theirs.Id));
        Assert.Equal(new DateTime(2026, 2, 10, 10, 0, 0, DateTimeKind.Utc), session.StartsAtUtc);
    }
}
