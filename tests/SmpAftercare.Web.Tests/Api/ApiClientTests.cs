using System.Net;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Api;

public sealed class ApiClientTests : IDisposable
{
    private readonly AppFactory _app = new();

    private async Task<(TestClinic Clinic, ApiCaller Api)> ClinicWithKey()
    {
        var clinic = await _app.SeedClinicAsync();
        return (clinic, ApiCaller.For(_app, await _app.ApiKeyAsync(clinic)));
    }

    [Fact]
    public async Task Create_ValidClient_Returns201WithLocationAndIsAuditedAsTheKey()
    {
        var (clinic, api) = await ClinicWithKey();

        var created = await api.PostAsync("/api/v1/clients", new
        {
            fullName = "Jordan Lee", email = "jordan@example.com", phone = "07700 900456", emailReminders = true, smsReminders = true, notes = "Booked online",
        });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = Guid.Parse(created.Text("id")!);
        Assert.Equal($"/api/v1/clients/{id}", created.Response.Headers.Location?.OriginalString);
        Assert.Equal("Jordan Lee", created.Text("fullName"));
        Assert.Equal("+447700900456", created.Text("phone"));
        Assert.True(created.Json.GetProperty("smsReminders").GetBoolean());
        Assert.Equal("Booked online", created.Text("notes"));
        var client = await _app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().SingleAsync());
        Assert.Equal((id, clinic.Id, "jordan@example.com", true), (client.Id, client.ClinicId, client.Email, client.EmailConsent));
        var audit = await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().SingleAsync());
        Assert.Equal((AuditActions.ClientCreated, id, "api:Booking system"), (audit.Action, audit.ClientId, audit.UserName));
        Assert.StartsWith("apikey:", audit.UserId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_OwnClient_Returns200WithTheClient()
    {
        var (clinic, api) = await ClinicWithKey();
        var client = await _app.Client(clinic).Named("Sam Hart").WithKeloidHistory().SaveAsync();

        var read = await api.GetAsync($"/api/v1/clients/{client.Id}");

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(client.Id.ToString(), read.Text("id"));
        Assert.Equal("Sam Hart", read.Text("fullName"));
        Assert.Equal("alex@example.com", read.Text("email"));
        Assert.True(read.Json.GetProperty("hasContraindications").GetBoolean());
        Assert.False(read.Json.GetProperty("archived").GetBoolean());
    }

    [Fact]
    public async Task Create_InvalidFields_Returns400WithEachFieldsMessageAndSavesNothing()
    {
        var (_, api) = await ClinicWithKey();

        var refused = await api.PostAsync("/api/v1/clients", new { fullName = "", email = "jordan-at-example", phone = "call me", smsReminders = true });

        ApiKeys.AssertProblem(refused, HttpStatusCode.BadRequest);
        Assert.Equal(["Enter the client's full name."], refused.Errors["fullName"]);
        Assert.Equal(["Enter a valid email address, like name@example.com."], refused.Errors["email"]);
        Assert.Equal(["This is not a complete phone number. Check the digits, or add the country code, like +44 7700 900123."], refused.Errors["phone"]);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Create_ReminderConsentWithoutAddress_Returns400OnTheAddressField()
    {
        var (_, api) = await ClinicWithKey();

        var refused = await api.PostAsync("/api/v1/clients", new { fullName = "Jordan Lee", emailReminders = true, smsReminders = true });

        ApiKeys.AssertProblem(refused, HttpStatusCode.BadRequest);
        Assert.Equal(["Add an email address, or untick email reminders."], refused.Errors["email"]);
        Assert.Equal(["Add a mobile number, or untick SMS reminders."], refused.Errors["phone"]);
    }

    [Theory]
    [InlineData("{\"fullName\": \"Jordan\",", "$")]
    [InlineData("fullName=Jordan", "$")]
    [InlineData("{\"fullName\": \"Jord", "$")]
    [InlineData("{\"fullName\": Jordan}", "$")]
    [InlineData("{\"fullName\": \"Jordan\", \"smsReminders\": tru}", "$")]
    [InlineData("", "$")]
    [InlineData("null", "$")]
    [InlineData("[\"Jordan\"]", "$")]
    [InlineData("{\"fullName\": 12}", "fullName")]
    [InlineData("{\"fullName\": \"Jordan\", \"emailReminders\": \"yes\"}", "emailReminders")]
    public async Task Create_MalformedBody_Returns400ProblemDetailsAndSavesNothing(string body, string field)
    {
        var (_, api) = await ClinicWithKey();

        var refused = await api.PostRawAsync("/api/v1/clients", body);

        ApiKeys.AssertProblem(refused, HttpStatusCode.BadRequest);
        Assert.True(refused.Errors.ContainsKey(field), refused.ToString());
        Assert.Equal(0, await _app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().CountAsync()));
    }

    public void Dispose() => _app.Dispose();
}
