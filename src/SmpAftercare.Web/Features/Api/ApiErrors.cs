using Microsoft.AspNetCore.Diagnostics;

namespace SmpAftercare.Web.Features.Api;

/// <summary>Every answer under /api/v1 is JSON: a crash is a problem+json 500, a body that is not JSON a 415.</summary>
public static class ApiErrors
{
    public static void AddApiErrors(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
    }

    /// <summary>
    /// The JSON endpoints only match an application/json body (their Accepts metadata); without a second, lower
    /// endpoint on the same route another body would fall through to "No such API endpoint".
    /// </summary>
    public static void MapUnsupportedMediaType(this RouteGroupBuilder api, params string[] patterns)
    {
        ArgumentNullException.ThrowIfNull(api);
        foreach (var pattern in patterns)
        {
            api.MapPost(pattern, () => TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "The body must be JSON",
                    detail: "Send the body as JSON with the header Content-Type: application/json. Nothing was saved."))
                .WithOrder(1)
                .ExcludeFromDescription();
        }
    }

    /// <summary>Takes exceptions under /api/v1; the rest go on to the staff site's error page.</summary>
    private sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            // The middleware has already pointed Request.Path at the error page: the feature keeps the original.
            var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
            if (!path.StartsWith(ApiEndpoints.Prefix + "/", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails =
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "The server could not complete the request",
                    Detail = "Something went wrong on our side, not in your request. Try again later; if it keeps happening, quote the traceId.",
                },
            });
        }
    }
}
