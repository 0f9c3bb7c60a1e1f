using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.ClientLink;

/// <summary>
/// Makes, revokes and resolves clients' personal links. Pages, the API and jobs call it; it never records audit
/// rows itself (a job has no staff member), so a staff caller adds its audit row to <c>db</c> first and the
/// save below writes both together.
/// </summary>
public sealed class ClientLinks(PublicUrls urls, IHttpContextAccessor http, StaffContext staff)
{
    /// <summary>
    /// Revokes the client's working links and makes a new one; saves. Returns the new link's absolute URL, the only
    /// time it exists in the clear (only its hash is stored).
    /// </summary>
    public Task<string> CreateOrReplaceAsync(AppDbContext db, Client client, DateTime nowUtc) =>
        MakeAsync(db, client, nowUtc, replace: true);

    /// <summary>
    /// Makes one more link and leaves the client's other links working (a printed sheet, a reminder message);
    /// saves. Returns its absolute URL.
    /// </summary>
    public Task<string> IssueAsync(AppDbContext db, Client client, DateTime nowUtc) =>
        MakeAsync(db, client, nowUtc, replace: false);

    /// <summary>Revokes every working link of the client at once; saves. Returns how many were revoked.</summary>
    public static async Task<int> RevokeAllAsync(AppDbContext db, Client client, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(client);
        var working = await WorkingLinks(db, client).ToListAsync();
        foreach (var link in working)
        {
            link.Revoke(nowUtc);
        }

        await db.SaveChangesAsync();
        return working.Count;
    }

    /// <summary>
    /// What a token opens. Runs with no signed-in clinic: the link row is found by hash across all clinics, and
    /// everything else is then scoped to that row's clinic. Reads only (no tracking, no writes).
    /// </summary>
    public static async Task<ResolvedLink> ResolveAsync(AppDbContext db, string? token, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!ClientLinkToken.IsWellFormed(token))
        {
            return ResolvedLink.NotFound;
        }

        // One connection for the two reads below instead of one opened and returned to the pool per query.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var found = await ByHash.For(db)(db, ClientLinkToken.Hash(token!));
            if (found is null || found.Link.IsRevoked || found.ClientArchivedAtUtc is not null)
            {
                return ResolvedLink.NotFound;
            }

            var (link, client, _, clinic) = found;
            var timeline = await TimelineLoader.LoadAsync(db, clinic, client.Id, cancellationToken);
            var today = clinic.TimeZone.DateOf(now);
            var lastValidDay = link.LastValidDay(timeline.LastDay, clinic.TimeZone, clinic.LinkValidityDays);
            return new ResolvedLink(link.StateOn(today, lastValidDay), link, clinic, client, timeline, today, lastValidDay);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The absolute address of a token: PublicBaseUrl when set (jobs have no request), else this request's host,
    /// else the development address.
    /// </summary>
    public string UrlFor(string token)
    {
        var origin = urls.Configured
            ?? (http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}{request.PathBase}" : urls.BaseUrl);
        return $"{origin}/c/{token}";
    }

    /// <summary>
    /// The lookup every request (and every guess) makes, with the link's client and clinic in the same statement,
    /// compiled once: it is the public page's hot path (docs/performance.md). Of the client only the name is read:
    /// staff-only fields (notes, contraindications) are never loaded for a public page.
    /// </summary>
    private static readonly CompiledPerProvider<Func<AppDbContext, string, Task<LinkRow?>>> ByHash = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, string hash) =>
            (from link in db.ClientLinks.IgnoreQueryFilters().AsNoTracking()
             where link.TokenHash == hash
             join client in db.Clients on link.ClientId equals client.Id
             join clinic in db.Clinics on link.ClinicId equals clinic.Id
             where client.ClinicId == link.ClinicId
             select new LinkRow(link, new LinkedClient(client.Id, client.FullName), client.ArchivedAtUtc, clinic)).SingleOrDefault()));

    private sealed record LinkRow(Domain.Clients.ClientLink Link, LinkedClient Client, DateTime? ClientArchivedAtUtc, Clinic Clinic);

    private static IQueryable<Domain.Clients.ClientLink> WorkingLinks(AppDbContext db, Client client) =>
        db.ClientLinks.IgnoreQueryFilters().Where(l => l.ClientId == client.Id && l.ClinicId == client.ClinicId && l.RevokedAtUtc == null);

    /// <summary>
    /// Adds one more working link to the unit of work without saving, and returns its URL: for a caller whose own
    /// save must carry the link with it (reminders planned in the same transaction as a session change).
    /// </summary>
    public string Stage(AppDbContext db, Client client, DateTime nowUtc)
    {
        EnsureLinkable(db, client);
        var token = ClientLinkToken.New();
        var createdBy = staff.ClinicId is not null ? staff.DisplayName : "system"; // a job or the CLI has no staff member
        db.ClientLinks.Add(Domain.Clients.ClientLink.Create(ClientLinkToken.Hash(token), client.Id, client.ClinicId, createdBy, nowUtc));
        return UrlFor(token);
    }

    private async Task<string> MakeAsync(AppDbContext db, Client client, DateTime nowUtc, bool replace)
    {
        EnsureLinkable(db, client);
        if (replace)
        {
            foreach (var old in await WorkingLinks(db, client).ToListAsync())
            {
                old.Revoke(nowUtc);
            }
        }

        var url = Stage(db, client, nowUtc);
        await db.SaveChangesAsync();
        return url;
    }

    private static void EnsureLinkable(AppDbContext db, Client client)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(client);
        if (client.IsArchived)
        {
            throw new DomainException("Restore the client before making a personal link: the client is archived.");
        }
    }
}

/// <summary>What a token opened: its state and, unless not found, the client's timeline seen from today.</summary>
public sealed record ResolvedLink(
    ClientLinkState State,
    Domain.Clients.ClientLink? Link,
    Clinic? Clinic,
    LinkedClient? Client,
    AftercareTimeline? Timeline,
    DateOnly Today,
    DateOnly LastValidDay)
{
    /// <summary>Unknown, revoked or for an archived client: the same answer for all, so nothing is given away.</summary>
    public static ResolvedLink NotFound { get; } = new(ClientLinkState.Revoked, null, null, null, null, default, default);

    public bool IsActive => State == ClientLinkState.Active;

    public bool IsExpired => State == ClientLinkState.Expired;
}

/// <summary>What a client's own page knows about them: who they are, nothing staff wrote.</summary>
public sealed record LinkedClient(Guid Id, string FullName)
{
    public string FirstName => FullName.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
}

public sealed class ClientLinkOptions
{
    public const string Section = "ClientLink";

    public RateLimitOptions RateLimit { get; set; } = new();

    public sealed class RateLimitOptions
    {
        /// <summary>Requests per window per client address; a phone opening the page and its calendar needs a handful.</summary>
        public int PermitLimit { get; set; } = 60;

        public int WindowSeconds { get; set; } = 60;
    }
}

public static class ClientLinkAuditActions
{
    public const string Created = "clientlink.created";
    public const string Replaced = "clientlink.replaced";
    public const string Revoked = "clientlink.revoked";
}
