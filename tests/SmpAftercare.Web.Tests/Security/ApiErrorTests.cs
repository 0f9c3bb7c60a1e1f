using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Tests.Api;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Security;

public sealed class ApiErrorTests : IDisposable
{
    private readonly AppFactory _app = new();

    [Fact]
    public async Task ServerError_UnderTheApi_IsProblemJson()
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).SaveAsync();
        using var api = ApiCaller.For(_app, await _app.ApiKeyAsync(clinic));
        // Reading a client writes an audit entry: with its table gone the request fails inside the server.
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TABLE AuditEntries;"));

        var response = await api.GetAsync($"/api/v1/clients/{client.Id}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(500, response.Json.GetProperty("status").GetInt32());
        Assert.Equal("The server could not complete the request", response.Json.GetProperty("title").GetString());
        Assert.True(response.Json.TryGetProperty("traceId", out _));
        Assert.DoesNotContain("AuditEntries", response.Body, StringComparison.Ordinal); // no internals
    }

    [Theory]
    [InlineData("/api/v1/clients")]
    [InlineData("/api/v1/clients/{0}/sessions")]
    public async Task JsonEndpoint_PostedPlainText_Is415(string path)
    {
        var clinic = await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).SaveAsync();
        using var api = ApiCaller.For(_app, await _app.ApiKeyAsync(clinic));

        using var raw = await api.Client.PostAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, client.Id),
            new StringContent("""{"fullName":"Sam Client"}""", Encoding.UTF8, "text/plain"));
        var response = await ApiResponse.ReadAsync(raw);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Contains("Content-Type: application/json", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // JSON itself still goes through, and unknown paths are still "no such endpoint".
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync("/api/v1/nothing-here", new { })).Status);
    }

    public void Dispose() => _app.Dispose();
}
