using System.Net;
using System.Text.Json;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Api;

public sealed class OpenApiDocumentTests : IDisposable
{
    private readonly AppFactory _app = new();

    [Fact]
    public async Task Document_DescribesEveryEndpointItsStatusesBodiesAndBearerAuth()
    {
        using var http = _app.CreateClient();

        var response = await http.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var doc = json.RootElement;
        var paths = doc.GetProperty("paths");
        Assert.Equal(
            ["/api/v1/clients", "/api/v1/clients/{id}", "/api/v1/clients/{id}/check-ins", "/api/v1/clients/{id}/check-ins/photos/{photoId}",
                "/api/v1/clients/{id}/link", "/api/v1/clients/{id}/sessions", "/api/v1/clients/{id}/timeline"],
            paths.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        AssertOperation(paths, "/api/v1/clients", "post", ["201", "400", "401"], "ClientRequest", "ClientResponse");
        AssertOperation(paths, "/api/v1/clients/{id}", "get", ["200", "401", "404"], null, "ClientResponse");
        AssertOperation(paths, "/api/v1/clients/{id}/sessions", "post", ["201", "400", "401", "404", "409", "422"], "SessionRequest", "SessionCreatedResponse");
        AssertOperation(paths, "/api/v1/clients/{id}/timeline", "get", ["200", "401", "404"], null, "TimelineResponse");
        AssertOperation(paths, "/api/v1/clients/{id}/link", "post", ["201", "401", "404"], null, "LinkResponse");
        var erase = paths.GetProperty("/api/v1/clients/{id}").GetProperty("delete");
        Assert.Equal("EraseClient", erase.GetProperty("operationId").GetString());
        Assert.Equal(["204", "401", "404", "409"], erase.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));
        var checkIns = paths.GetProperty("/api/v1/clients/{id}/check-ins").GetProperty("get").GetProperty("responses");
        Assert.Equal(["200", "401", "404"], checkIns.EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal("#/components/schemas/CheckInResponse", checkIns.GetProperty("200").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("items").GetProperty("$ref").GetString());

        var schemas = doc.GetProperty("components").GetProperty("schemas");
        Assert.Equal(
            ["email", "emailReminders", "fullName", "notes", "phone", "smsReminders"],
            schemas.GetProperty("ClientRequest").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("fullName", schemas.GetProperty("ClientRequest").GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        foreach (var field in new[] { "startsAt", "isFinal", "technician", "notes", "confirmContraindications" })
        {
            Assert.True(schemas.GetProperty("SessionRequest").GetProperty("properties").TryGetProperty(field, out _), field);
        }

        Assert.Equal("integer", schemas.GetProperty("SessionCreatedResponse").GetProperty("properties").GetProperty("sessionNumber").GetProperty("type").GetString());
        Assert.True(schemas.GetProperty("HttpValidationProblemDetails").GetProperty("properties").TryGetProperty("errors", out _));
        var bearer = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal(("http", "bearer"), (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString()));
        Assert.True(doc.GetProperty("security")[0].TryGetProperty("ApiKey", out _));
    }

    private static void AssertOperation(JsonElement paths, string path, string method, string[] statuses, string? requestSchema, string successSchema)
    {
        var operation = paths.GetProperty(path).GetProperty(method);
        var responses = operation.GetProperty("responses");
        Assert.Equal(statuses, responses.EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));
        var success = responses.GetProperty(statuses[0]).GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal($"#/components/schemas/{successSchema}", success.GetProperty("$ref").GetString());
        foreach (var error in statuses.Where(s => s[0] is '4' or '5'))
        {
            Assert.True(responses.GetProperty(error).GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path} {error}");
        }

        if (requestSchema is null)
        {
            Assert.False(operation.TryGetProperty("requestBody", out _), $"{method} {path} takes no body");
        }
        else
        {
            var body = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.Equal($"#/components/schemas/{requestSchema}", body.GetProperty("$ref").GetString());
        }
    }

    public void Dispose() => _app.Dispose();
}
