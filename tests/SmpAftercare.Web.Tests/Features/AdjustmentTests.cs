using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Api;
using SmpAftercare.Web.Tests.ClientLink;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

/// <summary>A technician adjusts a rule for one client. The clock stands at Mon 2 Mar 2026 10:00 in London.</summary>
public sealed class AdjustmentTests : IDisposable
{
    private readonly ClientLinkAppFactory _app = new();

    private static Dictionary<string, string?> Adjust(string activity, int toDay, string note, string reason = "Heavy bleeding today", int? fromDay = null) => new()
    {
        ["Input.ActivityCode"] = activity,
        ["Input.Anchor"] = "EverySession",
        ["Input.FromDay"] = fromDay?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.ToDay"] = toDay.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.ClientNote"] = note,
        ["Input.Reason"] = reason,
    };

    private static string Flat(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task LongerSauna_ShowsOnEverySurfaceIsAuditedAndReplansReminders()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithContact("alex@example.com", null).WithSession("2026-03-02 09:00").SaveAsync();
        var token = await _app.LinkAsync(clinic, client.Id);
        using var staff = await _app.SignedInAs(clinic.Technician);

        var saved = await staff.SubmitAsync($"/clients/{client.Id}", "adjust", Adjust("sauna", 16, "no sauna or steam room for 17 days."));

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var page = await staff.GetAsync($"/clients/{client.Id}");
        Assert.Contains("Client reads: \"Adjusted for you by your technician: no sauna or steam room for 17 days.\"", Flat(page.Text));
        Assert.Contains("Heavy bleeding today", page.Text);

        var phone = new HtmlParser().ParseDocument(await _app.Anonymous().GetStringAsync($"/c/{token}"));
        var when = ClientLinkPageTests.WhenAnswers(phone);
        Assert.Equal("From Thu 19 Mar in 17 days", when["Use a sauna or steam room"]);
        Assert.Contains("Adjusted for you by your technician: no sauna or steam room for 17 days.", Flat(phone.Body!.TextContent));

        var ics = await _app.Anonymous().GetStringAsync($"/c/{token}/calendar.ics");
        Assert.Contains("DTSTART;VALUE=DATE:20260319", ics, StringComparison.Ordinal);

        var sheet = await staff.GetAsync($"/sessions/{client.SessionIds[0]}/print");
        Assert.Contains("Adjusted for you by your technician: no sauna or steam room for 17 days.", sheet.Text);

        using var api = ApiCaller.For(_app, await _app.ApiKeyAsync(clinic));
        var timeline = await api.GetAsync($"/api/v1/clients/{client.Id}/timeline");
        Assert.Equal("2026-03-19", timeline.Json.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("activity").GetString() == "sauna").GetProperty("allowedFrom").GetString());

        var reminders = await _app.WithDbAsync(db => db.Reminders.IgnoreQueryFilters().Where(r => r.ClientId == client.Id).Select(r => r.AnnouncedDate).ToListAsync());
        Assert.Contains(new DateOnly(2026, 3, 19), reminders);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.Action == AuditActions.RuleAdjusted).ToListAsync());
        Assert.Contains("Heavy bleeding today", Assert.Single(audit).Details, StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.RuleAdjustments.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task GentleCleanser_PrintedOnTheSheetFromDayFour()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        using var staff = await _app.SignedInAs(clinic.Technician);

        var saved = await staff.SubmitAsync($"/clients/{client.Id}", "adjust", Adjust("cleanser", 9, "a gentle cleanser is fine from day 4.", "Very dry scalp", fromDay: 4));

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var sheet = await staff.GetAsync($"/sessions/{client.SessionIds[0]}/print");
        Assert.Contains("Adjusted for you by your technician: a gentle cleanser is fine from day 4. (Fri 6 Mar to Wed 11 Mar)", Flat(sheet.Text));
    }

    [Theory]
    [InlineData("soap", 6, "The clinic allows lifting a restriction at most 2 day(s) early: the last day to avoid can be day 7 at the earliest.")]
    [InlineData("exercise", 20, "The protocol has no rule for heavy exercise after every session to adjust.")]
    public async Task OutsideTheClinicsLimits_ClearMessageAndNothingSaved(string activity, int toDay, string message)
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        using var staff = await _app.SignedInAs(clinic.Technician);

        var page = await staff.SubmitAsync($"/clients/{client.Id}", "adjust", Adjust(activity, toDay, "a note."));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, page.Text);
        Assert.Equal(0, await _app.WithDbAsync(db => db.RuleAdjustments.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task MissingReason_FormMessage()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        using var staff = await _app.SignedInAs(clinic.Technician);

        var page = await staff.SubmitAsync($"/clients/{client.Id}", "adjust", Adjust("sauna", 16, "a note.", reason: ""));

        Assert.Contains("Give the reason for the change.", page.ValidationMessages);
        Assert.Equal(0, await _app.WithDbAsync(db => db.RuleAdjustments.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Reception_SeesNoFormAndCannotAdjust()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).WithSession("2026-03-02 09:00").SaveAsync();
        using var reception = await _app.SignedInAs(clinic.Reception);

        var page = await reception.GetAsync($"/clients/{client.Id}");

        Assert.Null(page.Document.QuerySelector("form[name='adjust'], input[name='_handler'][value='adjust']"));
        Assert.DoesNotContain("Save the adjustment", page.Text, StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();
}
