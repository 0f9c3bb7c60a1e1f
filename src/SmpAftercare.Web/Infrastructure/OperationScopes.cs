namespace SmpAftercare.Web.Infrastructure;

/// <summary>
/// A fresh service scope per operation for interactive pages, whose own scope lasts the whole circuit: services
/// built on Identity's UserManager (which holds a DbContext) get a new context for each save. Callers pass who is
/// acting; nothing in the scope reads the request.
/// </summary>
public sealed class OperationScopes(IServiceScopeFactory scopes)
{
    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> operation)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(operation);
        await using var scope = scopes.CreateAsyncScope();
        return await operation(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
