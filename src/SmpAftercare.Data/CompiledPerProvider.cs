using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace SmpAftercare.Data;

/// <summary>
/// A compiled query, compiled once per database provider. EF Core binds a compiled query to the model of the first
/// context that runs it, so one static delegate would give a PostgreSQL context SQLite's query in a process that
/// uses both (the test run does).
/// </summary>
public sealed class CompiledPerProvider<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConcurrentDictionary<string, TQuery> _compiled = new(StringComparer.Ordinal);

    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _compiled.GetOrAdd(db.Database.ProviderName ?? string.Empty, _ => compile());
    }
}
