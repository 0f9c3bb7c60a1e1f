using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Audit;

/// <summary>What the activity log asks for; days are the clinic's calendar days, both ends included.</summary>
public sealed record AuditFilter(Guid? ClientId = null, string? UserId = null, string? Action = null, DateOnly? From = null, DateOnly? Until = null)
{
    public bool IsEmpty => ClientId is null && string.IsNullOrEmpty(UserId) && string.IsNullOrEmpty(Action) && From is null && Until is null;
}

public sealed record AuditRow(long Id, DateTime AtUtc, string UserId, string UserName, string Action, Guid? ClientId, string? ClientName, string? Details)
{
    public string What => AuditActionText.Label(Action);
}

public sealed record AuditPerson(string UserId, string Name);

/// <summary>The clinic's activity log, newest first, filtered and paged on the server (the clinic query filter scopes every read).</summary>
public static class AuditQuery
{
    public const int PageSize = 50;

    /// <summary>One page (zero-based); a page past the end gives the last page, and says which page that is.</summary>
    public static async Task<(IReadOnlyList<AuditRow> Rows, int Total, int Page)> PageAsync(AppDbContext db, Clinic clinic, AuditFilter filter, int page,
        int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(filter);
        pageSize = pageSize is < 1 or > 100 ? PageSize : pageSize;
        // Scoped by the clinic passed in (the page's own, from its tenant-fixed context), explicitly: the client
        // names are joined in, and a query that ignores filters anywhere ignores them everywhere.
        var query = db.AuditEntries.IgnoreQueryFilters().AsNoTracking().Where(e => e.ClinicId == clinic.Id);
        if (filter.ClientId is { } clientId)
        {
            query = query.Where(e => e.ClientId == clientId);
        }

        if (!string.IsNullOrEmpty(filter.UserId))
        {
            query = query.Where(e => e.UserId == filter.UserId);
        }

        if (!string.IsNullOrEmpty(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }

        // The clinic's days as UTC instants: stored times are UTC (SQLite cannot compare offsets).
        if (filter.From is { } from)
        {
            var fromUtc = clinic.TimeZone.ToInstant(from.ToDateTime(TimeOnly.MinValue)).UtcDateTime;
            query = query.Where(e => e.AtUtc >= fromUtc);
        }

        if (filter.Until is { } until && until < DateOnly.MaxValue)
        {
            var untilUtc = clinic.TimeZone.ToInstant(until.AddDays(1).ToDateTime(TimeOnly.MinValue)).UtcDateTime;
            query = query.Where(e => e.AtUtc < untilUtc);
        }

        var total = await query.CountAsync(cancellationToken);
        page = Math.Clamp(page, 0, Math.Max(0, (total - 1) / pageSize));
        var rows = await query.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Skip(page * pageSize).Take(pageSize)
            .GroupJoin(db.Clients.IgnoreQueryFilters().Where(c => c.ClinicId == clinic.Id), e => e.ClientId, c => (Guid?)c.Id, (e, clients) => new { e, clients })
            .SelectMany(x => x.clients.DefaultIfEmpty(), (x, c) => new AuditRow(x.e.Id, x.e.AtUtc, x.e.UserId, x.e.UserName, x.e.Action, x.e.ClientId, c == null ? null : c.FullName, x.e.Details))
            .ToListAsync(cancellationToken);
        return ([.. rows.OrderByDescending(r => r.AtUtc).ThenByDescending(r => r.Id)], total, page);
    }

    /// <summary>Everyone who appears in the log (including accounts since switched off), by their latest recorded name.</summary>
    public static async Task<IReadOnlyList<AuditPerson>> PeopleAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var users = await db.AuditEntries.Select(e => new { e.UserId, e.UserName }).Distinct().ToListAsync(cancellationToken);
        return [.. users.GroupBy(u => u.UserId).Select(g => new AuditPerson(g.Key, g.Max(u => u.UserName)!)).OrderBy(u => u.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>The kinds of change that appear in the log, by their plain name.</summary>
    public static async Task<IReadOnlyList<(string Action, string Label)>> ActionsAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        [.. (await db.AuditEntries.Select(e => e.Action).Distinct().ToListAsync(cancellationToken))
            .Select(a => (a, AuditActionText.Label(a))).OrderBy(a => a.Item2, StringComparer.CurrentCulture)];
}
