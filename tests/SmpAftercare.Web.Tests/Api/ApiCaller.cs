using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Data;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Api;

/// <summary>A booking system calling the API: JSON in, JSON (or problem details) out, no cookies.</summary>
public sealed class ApiCaller(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public static ApiCaller For(AppFactory app, string? key)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return new ApiCaller(client);
    }

    public async Task<ApiResponse> GetAsync(string url) => await ApiResponse.ReadAsync(await Client.GetAsync(url));

    public Task<ApiResponse> PostAsync(string url, object? body) => PostRawAsync(url, JsonSerializer.Serialize(body));

    public async Task<ApiResponse> PostRawAsync(string url, string json) =>
        await ApiResponse.ReadAsync(await Client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json")));

    public Task<ApiResponse> SendAsync(string method, string url, object? body = null) =>
        method == "GET" ? GetAsync(url) : PostAsync(url, body ?? new { });

    public void Dispose() => Client.Dispose();
}

public sealed class ApiResponse
{
    private ApiResponse(HttpResponseMessage response, string body)
    {
        Response = response;
        Body = body;
        Json = body.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true
            ? JsonDocument.Parse(body).RootElement.Clone()
            : default;
    }

    public HttpResponseMessage Response { get; }

    public HttpStatusCode Status => Response.StatusCode;

    public string Body { get; }

    public JsonElement Json { get; }

    public string? ContentType => Response.Content.Headers.ContentType?.MediaType;

    /// <summary>A validation problem's errors: JSON field name to messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors =>
        Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray())
            : new Dictionary<string, string[]>();

    public string? Text(string property) => Json.GetProperty(property).GetString();

    public override string ToString() => $"{(int)Status} {Body}";

    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response) => new(response, await response.Content.ReadAsStringAsync());
}

public static class ApiKeys
{
    /// <summary>Issues a key for the clinic straight into the database and returns the key itself.</summary>
    public static async Task<string> ApiKeyAsync(this AppFactory app, TestClinic clinic, string label = "Booking system", bool revoked = false)
    {
        _ = app.Server;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var key = ApiKey.Issue(clinic.Id, label, "test", app.Clock.GetUtcNow().UtcDateTime, out var secret);
        if (revoked)
        {
            key.Revoke(app.Clock.GetUtcNow().UtcDateTime);
        }

        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return secret;
    }

    public static void AssertProblem(ApiResponse response, HttpStatusCode status)
    {
        Assert.True(response.Status == status, $"Expected {(int)status}, got {response}");
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal((int)status, response.Json.GetProperty("status").GetInt32());
    }
}
