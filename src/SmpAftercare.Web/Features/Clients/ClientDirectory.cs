using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Today;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Clients;

public enum ClientSort
{
    Name,
    LastSession,
    Sessions,
}

/// <summary>What the client list asks for. Anything a browser can put in the address bar is turned into this leniently.</summary>
public sealed record ClientQuery(string? Text = null, bool Archived = false, bool InAftercare = false, int Page = 0, int PageSize = ClientQuery.DefaultPageSize,
    ClientSort Sort = ClientSort.Name, bool Descending = false)
{
    public const int DefaultPageSize = 25;

    public const int MaxPageSize = 100;

    public ClientQuery Normalised() => this with
    {
        Text = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim()[..Math.Min(Text.Trim().Length, 200)],
        // Page × page size must stay a number: anything further is simply past the end.
        Page = Math.Clamp(Page, 0, Infrastructure.QueryReader.MaxPage),
        PageSize = PageSize is < 1 or > MaxPageSize ? DefaultPageSize : PageSize,
    };
}

public sealed record ClientRow(Guid Id, string FullName, string? Email, string? Phone, bool Archived, int Sessions, DateOnly? LastSessionDay, Phase? Phase, int? Day);

/// <param name="Total">Matches counted; when <paramref name="More"/> there are more than that, uncounted.</param>
public sealed record ClientResults(IReadOnlyList<ClientRow> Rows, int Total, bool More = false);

/// <summary>The clinic's clients, searched, filtered, sorted and paged on the server.</summary>
public static class ClientDirectory
{
    public static async Task<ClientResults> SearchAsync(AppDbContext db, Clinic clinic, ClientQuery query, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        query = query.Normalised();
        var countLimit = ClientSearch.CountLimit(query.Text, query.Page, query.PageSize);
        // Counting every match of a short term at 100,000 clients costs more than the page: past the limit the list
        // says "more than 1,000" (docs/decisions/0018). The limit always reaches past the page asked for.
        var total = query.InAftercare ? 0 : await Filtered(db, query, now, ClientSearch.Matches.Few).Take(countLimit + 1).CountAsync(cancellationToken);
        var more = total > countLimit;
        var clients = Filtered(db, query, now, more ? ClientSearch.Matches.Many : ClientSearch.Matches.Few);

        var projected = clients.Select(c => new
        {
            c.Id,
            c.FullName,
            c.Email,
            c.Phone,
            Archived = c.ArchivedAtUtc != null,
            Sessions = db.Sessions.Count(s => s.ClientId == c.Id),
            Last = db.Sessions.Where(s => s.ClientId == c.Id).Max(s => (DateTime?)s.StartsAtUtc),
        });

        var ordered = (query.Sort, query.Descending) switch
        {
            (ClientSort.LastSession, false) => projected.OrderBy(c => c.Last == null).ThenBy(c => c.Last),
            (ClientSort.LastSession, true) => projected.OrderBy(c => c.Last == null).ThenByDescending(c => c.Last),
            (ClientSort.Sessions, false) => projected.OrderBy(c => c.Sessions),
            (ClientSort.Sessions, true) => projected.OrderByDescending(c => c.Sessions),
            (_, false) => projected.OrderBy(c => c.FullName),
            (_, true) => projected.OrderByDescending(c => c.FullName),
        };
        ordered = ordered.ThenBy(c => c.FullName).ThenBy(c => c.Id);

        // "In aftercare" depends on each client's timeline: the candidates (a session in the window) are few, so they
        // are all placed and filtered here; otherwise only the page's rows are placed.
        var candidates = query.InAftercare
            ? await ordered.ToListAsync(cancellationToken)
            : await ordered.Skip(query.Page * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        var ids = candidates.Select(c => c.Id).ToList();
        var sessions = (await db.Sessions.AsNoTracking().Where(s => ids.Contains(s.ClientId)).ToListAsync(cancellationToken)).ToLookup(s => s.ClientId);
        // A technician's adjustment can keep a client in aftercare longer: the phase here agrees with the client page.
        var adjustments = (await db.RuleAdjustments.AsNoTracking().Where(a => ids.Contains(a.ClientId)).ToListAsync(cancellationToken)).ToLookup(a => a.ClientId);
        var today = clinic.TimeZone.DateOf(now);
        var rows = new List<ClientRow>(candidates.Count);
        foreach (var c in candidates)
        {
            Phase? phase = null;
            int? day = null;
            DateOnly? last = null;
            if (sessions[c.Id].ToList() is { Count: > 0 } own)
            {
                var timeline = await TimelineLoader.BuildAsync(own, db.ProtocolVersions.AsNoTracking(), clinic, [.. adjustments[c.Id].OrderBy(a => a.CreatedAtUtc)], cancellationToken);
                var status = timeline.For(today);
                phase = status.Phase;
                day = status.Latest?.Day;
                last = timeline.Sessions[^1].Day0;
            }

            rows.Add(new ClientRow(c.Id, c.FullName, c.Email, c.Phone, c.Archived, c.Sessions, last, phase, day));
        }

        if (query.InAftercare)
        {
            var healing = rows.Where(r => r.Phase is not (null or Phase.Healed or Phase.BeforeTreatment)).ToList();
            return new ClientResults([.. healing.Skip(query.Page * query.PageSize).Take(query.PageSize)], healing.Count, false);
        }

        return new ClientResults(rows, total, more);
    }

    private static IQueryable<Client> Filtered(AppDbContext db, ClientQuery query, DateTimeOffset now, ClientSearch.Matches expected)
    {
        var clients = (query.Text is { } term ? ClientSearch.Matching(db, term, expected) : db.Clients).AsNoTracking()
            .Where(c => query.Archived ? c.ArchivedAtUtc != null : c.ArchivedAtUtc == null);
        if (query.InAftercare)
        {
            var recentFrom = now.UtcDateTime.AddDays(-TodayOverview.AftercareWindowDays);
            clients = clients.Where(c => db.Sessions.Any(s => s.ClientId == c.Id && s.StartsAtUtc >= recentFrom));
        }

        return clients;
    }
}
