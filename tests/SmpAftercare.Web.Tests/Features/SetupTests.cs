using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Data;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

public sealed class SetupTests : IDisposable
{
    private readonly AppFactory _app = new();

    private static Dictionary<string, string?> ValidSetup() => new()
    {
        ["Input.Clinic.Name"] = "Fade Studio",
        ["Input.Clinic.TimeZoneId"] = "America/Chicago",
        ["Input.Clinic.Locale"] = "en-US",
        ["Input.Clinic.ContactPhone"] = "+1 312 555 0100",
        ["Input.Clinic.ContactEmail"] = "desk@fade.example.com",
        ["Input.OwnerName"] = "Dana Owner",
        ["Input.OwnerEmail"] = "dana@fade.example.com",
        ["Input.Password"] = "Str0ngEnough",
        ["Input.ConfirmPassword"] = "Str0ngEnough",
    };

    [Fact]
    public async Task EmptyDatabase_StartPageSendsToSetup()
    {
        using var browser = _app.Browser();

        // The start page wants a signed-in person; with nobody to sign in, sign-in sends to set-up.
        var start = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, start.Status);
        Assert.StartsWith("/account/login", start.Location, StringComparison.Ordinal);

        var page = await browser.GetAsync(start.Location!);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal("/setup", page.Location);
    }

    [Fact]
    public async Task ValidSetup_CreatesClinicOwnerAndFirstProtocolAndSignsIn()
    {
        using var browser = _app.Browser();

        var result = await browser.SubmitAsync("/setup", "setup", ValidSetup());

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal("/?welcome=true", result.Location); // the start page, with a welcome and the next steps
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clinic = await db.Clinics.IgnoreQueryFilters().SingleAsync();
        Assert.Equal(("Fade Studio", "America/Chicago", "en-US"), (clinic.Name, clinic.TimeZoneId, clinic.Locale));
        var protocol = await db.ProtocolVersions.IgnoreQueryFilters().SingleAsync();
        Assert.Equal(1, protocol.Version);
        Assert.Equal(15, protocol.Rules.Count);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var owner = await users.FindByEmailAsync("dana@fade.example.com");
        Assert.NotNull(owner);
        Assert.Equal(clinic.Id, owner.ClinicId);
        Assert.True(await users.IsInRoleAsync(owner, StaffRoles.Owner));
        // The cookie set by set-up is a working sign-in.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/clients")).Status);
    }

    [Fact]
    public async Task Setup_WithoutOptionalContactDetails_Succeeds()
    {
        using var browser = _app.Browser();
        var input = ValidSetup();
        input["Input.Clinic.ContactPhone"] = "";
        input["Input.Clinic.ContactEmail"] = "";

        var result = await browser.SubmitAsync("/setup", "setup", input);

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
    }

    [Fact]
    public async Task InvalidSetup_ShowsEachProblemKeepsInputAndSavesNothing()
    {
        using var browser = _app.Browser();
        var input = ValidSetup();
        input["Input.Clinic.Name"] = "";
        input["Input.Clinic.TimeZoneId"] = "Chicago";
        input["Input.OwnerEmail"] = "dana-at-fade";
        input["Input.Password"] = "short";
        input["Input.ConfirmPassword"] = "different";

        var page = await browser.SubmitAsync("/setup", "setup", input);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Enter the clinic's name.", page.ValidationMessages);
        Assert.Contains("Use an IANA time zone such as Europe/London or America/New_York.", page.ValidationMessages);
        Assert.Contains("Enter a valid email address, like owner@example.com.", page.ValidationMessages);
        Assert.Contains("Use at least 10 characters.", page.ValidationMessages);
        Assert.Contains("The two passwords do not match.", page.ValidationMessages);
        Assert.Equal("Chicago", page.FieldValue("Input.Clinic.TimeZoneId"));
        Assert.Equal("Dana Owner", page.FieldValue("Input.OwnerName"));
        Assert.False(await _app.WithDbAsync(db => db.Clinics.IgnoreQueryFilters().AnyAsync()));
    }

    [Fact]
    public async Task AfterSetup_SetupPageIsGoneForGood()
    {
        await _app.SeedClinicAsync();
        using var browser = _app.Browser();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/setup")).Status);
        var form = await browser.Client.PostAsync("/setup", new FormUrlEncodedContent(ValidSetup()!));
        Assert.True(form.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Clinics.IgnoreQueryFilters().CountAsync()));
    }

    public void Dispose() => _app.Dispose();
}
