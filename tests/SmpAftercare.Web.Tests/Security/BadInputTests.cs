using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Security;

public sealed class BadInputTests : IDisposable
{
    private readonly AppFactory _app = new();

    [Theory]
    [InlineData("/reminders?page=abc", "The page number in the address ('abc') is not a number.")]
    [InlineData("/reminders?client=not-a-guid", "The client in the address ('not-a-guid') is not one this list can show.")]
    [InlineData("/audit?page=abc", "The page number in the address ('abc') is not a number.")]
    [InlineData("/audit?client=not-a-guid", "The client in the address ('not-a-guid') is not one this list can show.")]
    public async Task Lists_WithAQueryValueTheyCannotRead_Answer400WithASentence(string url, string message)
    {
        var clinic = await _app.SeedClinicAsync();
        using var owner = await _app.SignedInAs(clinic.Owner);

        var page = await owner.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/clients?page=99999999999")]
    [InlineData("/reminders?page=99999999999")]
    [InlineData("/audit?page=99999999999")]
    public async Task Lists_PastTheLastPage_ShowTheLastPage(string url)
    {
        var clinic = await _app.SeedClinicAsync();
        using var owner = await _app.SignedInAs(clinic.Owner);

        var page = await owner.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("h1"));
    }

    [Fact]
    public async Task SessionPage_AHandMadePost_IsRefusedWithoutAnError_AndSavesNothing()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).SaveAsync();
        using var technician = await _app.SignedInAs(clinic.Technician);
        var form = await technician.GetAsync($"/clients/{client.Id}/sessions/new");

        // The page is interactive now: a post as the old static form took it (no technician) has no form to reach.
        var posted = await technician.Client.PostAsync(form.Url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "session",
            ["Input.Date"] = "2026-03-02",
            ["Input.Time"] = "09:00",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Sessions.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task ClinicName_WithALineBreak_IsRefusedByTheForm()
    {
        var clinic = await _app.SeedClinicAsync();
        using var owner = await _app.SignedInAs(clinic.Owner);

        var page = await owner.SubmitAsync("/settings", "settings", new Dictionary<string, string?>
        {
            ["Input.Clinic.Name"] = "Northside\r\nBcc: everyone@example.com",
            ["Input.Clinic.ContactEmail"] = "hello@example.com\nBcc: x@example.com",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Write the clinic's name on one line, without line breaks or tabs.", page.ValidationMessages);
        Assert.Contains("Write the email address on one line, without line breaks or tabs.", page.ValidationMessages);
        Assert.Equal("Northside SMP", await _app.WithDbAsync(db => db.Clinics.IgnoreQueryFilters().Select(c => c.Name).SingleAsync()));
    }

    [Fact]
    public void ClientName_WithALineBreak_IsRefusedByTheForm()
    {
        // The client editor is interactive: it runs this validator on every field and on save (ClientEditorTests).
        var result = new SmpAftercare.Web.Features.Clients.ClientFormValidator().Validate(new SmpAftercare.Web.Features.Clients.ClientForm
        {
            FullName = "Sam\nClient",
            Email = "sam@example.com\r\nBcc: x@example.com",
        });

        var messages = result.Errors.Select(e => e.ErrorMessage).ToList();
        Assert.Contains("Write the name on one line, without line breaks or tabs.", messages);
        Assert.Contains("Write the email address on one line, without line breaks or tabs.", messages);
    }

    public void Dispose() => _app.Dispose();
}
