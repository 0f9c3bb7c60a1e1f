using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation.Results;

namespace SmpAftercare.Web.Features.Api;

/// <summary>Reads request bodies and words every refusal as RFC 7807 problem details.</summary>
public static class ApiRequests
{
    /// <summary>The key for errors about the body as a whole (not one field), as ASP.NET Core MVC writes it.</summary>
    public const string BodyKey = "$";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.Strict };

    /// <summary>
    /// Reads the body by hand rather than through parameter binding: a binding failure would answer a bare 400
    /// (which the status-code pages then turn into the HTML "not found" page) instead of problem details naming the field.
    /// </summary>
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Json, cancellationToken);
            return body is null ? (null, Invalid(BodyKey, "Send a JSON object.")) : (body, null);
        }
        catch (JsonException e)
        {
            // The reader's own errors (bad syntax, cut-off text) come wrapped; a value of the wrong type does not.
            if (e.InnerException is JsonException)
            {
                return (null, Invalid(BodyKey, $"The body is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1})."));
            }

            return (null, FieldOf(e.Path) is { } name && ExpectedOf<T>(name) is { } expected
                ? Invalid(name, $"Expected {expected}.")
                : Invalid(BodyKey, "Send a JSON object with the fields described in /openapi/v1.json."));
        }
    }

    public static IResult Invalid(string field, string message) => Invalid(new Dictionary<string, List<string>> { [field] = [message] });

    public static IResult Invalid(IDictionary<string, List<string>> errors) =>
        TypedResults.ValidationProblem(
            errors.ToDictionary(e => e.Key, e => e.Value.Distinct().ToArray()),
            title: "The request has invalid fields",
            detail: "Nothing was saved. Each field's problems are listed under errors.");

    /// <summary>Adds a validator's failures, renaming form properties to the JSON fields the caller sent.</summary>
    public static void Add(this Dictionary<string, List<string>> errors, IEnumerable<ValidationFailure> failures, IReadOnlyDictionary<string, string> fieldNames)
    {
        foreach (var failure in failures)
        {
            var field = fieldNames.TryGetValue(failure.PropertyName, out var name) ? name : BodyKey;
            errors.Add(field, failure.ErrorMessage);
        }
    }

    public static void Add(this Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    public static IResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}",
            detail: $"There is no {what} with this id for the key's clinic.");

    /// <summary>"$.fullName" -> "fullName"; null for the body itself or nested paths.</summary>
    private static string? FieldOf(string? path) =>
        path is { Length: > 2 } && path.StartsWith("$.", StringComparison.Ordinal) && path.IndexOfAny(['.', '['], 2) < 0 ? path[2..] : null;

    private static string? ExpectedOf<T>(string field)
    {
        var property = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
        return property?.PropertyType switch
        {
            null => null,
            var t when t == typeof(string) => "a string or null",
            var t when t == typeof(bool) => "true or false",
            var t => t.Name,
        };
    }
}
