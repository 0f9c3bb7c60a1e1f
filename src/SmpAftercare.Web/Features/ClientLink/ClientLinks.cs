using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Sessions;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.ClientLink;

/// <summary>
/// Keeps each client's one current personal link, revokes links and resolves tokens (docs/decisions/0010). Pages,
/// the API and jobs call it; it never records audit rows itself (a job has no staff member): a staff caller passes
/// its audit row in, and it is saved together with the link it describes.
/// </summary>
public sealed class ClientLinks(PublicUrls urls, IHttpContextAccessor http, StaffContext staff, IDataProtectionProvider protection)
{
    /// <summary>Data Protection purpose of the stored tokens; changing it makes every stored token unreadable.</summary>
    public const string ProtectionPurpose = "SmpAftercare.ClientLink.Token.v1";

    private readonly IDataProtector _protector = Protector(protection);

    public static IDataProtector Protector(IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider.CreateProtector(ProtectionPurpose);
    }

    /// <summary>
    /// Makes the key ring write any key it is due to write (the first one on a fresh database, a new one before the
    /// current key expires) now. It writes through a connection of its own; inside a caller's SQLite write
    /// transaction that write waits for the transaction's lock until it fails with "database is locked", so
    /// callers that protect tokens inside a transaction call this before they open it.
    /// </summary>
    public static void EnsureKeyRing(IDataProtectionProvider provider) => _ = Protector(provider).Protect("key ring ready");

    public void EnsureKeyRing() => _ = _protector.Protect("key ring ready");

    /// <summary>
    /// Who hands a link out: the name stored on a new link and the origin its address starts with. A static page
    /// or job takes <see cref="FromRequest"/>; an interactive page passes its user and its own base address.
    /// </summary>
    public sealed record Issuer(string CreatedBy, string Origin);

    /// <summary>The signed-in staff member (or "system" for a job or the command line) and this request's origin.</summary>
    public Issuer FromRequest() => new(staff.ClinicId is not null ? staff.DisplayName : "system", Origin(null));

    /// <summary>An interactive page's issuer: PublicBaseUrl when set, else the address the page runs under.</summary>
    public Issuer For(string staffName, string pageBaseUri) => new(staffName, Origin(pageBaseUri));

    /// <summary>
    /// The client's current link, made (and saved) if they have none, or if the stored one can no longer be read
    /// (the encryption keys were lost). Two callers at once get the same link: the database holds one current link
    /// per client, and the one that loses the race reads the winner's. <paramref name="onCreated"/> adds the audit
    /// row for a new link to the same save. The caller's other pending changes are saved along.
    /// </summary>
    public async Task<CurrentLink> CurrentAsync(AppDbContext db, Client client, DateTime nowUtc, Issuer issuer,
        Action<AppDbContext>? onCreated = null, CancellationToken cancellationToken = default)
    {
        EnsureLinkable(db, client);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await CurrentRow(db, client).FirstOrDefaultAsync(cancellationToken);
            if (existing is not null && Read(existing) is { } token)
            {
                return new CurrentLink(existing, UrlFor(token, issuer.Origin), Created: false);
            }

            // Unreadable (lost keys): nobody can show it again, so it gives way to a new one.
            existing?.Revoke(nowUtc);
            var added = Add(db, client, nowUtc, issuer, onCreated);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new CurrentLink(added.Link, added.Url, Created: true);
            }
            catch (DbUpdateException e) when (SessionBook.IsUniqueViolation(e) && attempt < 2)
            {
                // Another request made the client's current link first: use theirs.
                Forget(db, added.Pending);
            }
        }
    }

    /// <summary>The client's current link as it is, without making one; its address is null when it cannot be read.</summary>
    public async Task<CurrentLink?> FindCurrentAsync(AppDbContext db, Client client, Issuer issuer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var existing = await CurrentRow(db, client).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return existing is null ? null : new CurrentLink(existing, Read(existing) is { } token ? UrlFor(token, issuer.Origin) : null, false);
    }

    /// <summary>
    /// Revokes every working link of the client (the current one and any from before the current-link release) and
    /// makes a new current one; saves, with the audit row <paramref name="audit"/> adds. Null when another request
    /// made a current link at the same moment (the caller shows the one now stored).
    /// </summary>
    public async Task<CurrentLink?> ReplaceAsync(AppDbContext db, Client client, DateTime nowUtc, Issuer issuer,
        Action<AppDbContext>? audit = null, CancellationToken cancellationToken = default)
    {
        EnsureLinkable(db, client);
        var ownTransaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            // Revoked first in a save of their own: the new row may only exist once the old one stopped being current.
            foreach (var old in await WorkingLinks(db, client).ToListAsync(cancellationToken))
            {
                old.Revoke(nowUtc);
            }

            await db.SaveChangesAsync(cancellationToken);
            var added = Add(db, client, nowUtc, issuer, audit);
            await db.SaveChangesAsync(cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return new CurrentLink(added.Link, added.Url, Created: true);
        }
        catch (DbUpdateException e) when (SessionBook.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return null;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>Revokes every working link of the client at once; saves (with the caller's audit row). Returns how many.</summary>
    public static async Task<int> RevokeAllAsync(AppDbContext db, Client client, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(client);
        var working = await WorkingLinks(db, client).ToListAsync(cancellationToken);
        foreach (var link in working)
        {
            link.Revoke(nowUtc);
        }

        await db.SaveChangesAsync(cancellationToken);
        return working.Count;
    }

    /// <summary>How many links of the client work besides the current one: made before the current-link release.</summary>
    public static Task<int> OlderWorkingCountAsync(AppDbContext db, Client client, CancellationToken cancellationToken = default) =>
        WorkingLinks(db, client).CountAsync(l => l.ProtectedToken == null, cancellationToken);

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
    /// The origin links start with: PublicBaseUrl when set (jobs have no request, and links should never depend on
    /// a request's Host header), else the interactive page's own address, else this request's host, else the
    /// development address.
    /// </summary>
    private string Origin(string? pageBaseUri) =>
        urls.Configured
        ?? (pageBaseUri is { Length: > 0 } page ? page.TrimEnd('/')
            : http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}{request.PathBase}" : urls.BaseUrl);

    private static string UrlFor(string token, string origin) => $"{origin}{ClientLinkSetup.PathPrefix}/{token}";

    private string? Read(Domain.Clients.ClientLink link)
    {
        try
        {
            return link.ProtectedToken is { } stored ? _protector.Unprotect(stored) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
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

    private static IQueryable<Domain.Clients.ClientLink> CurrentRow(AppDbContext db, Client client) =>
        WorkingLinks(db, client).Where(l => l.ProtectedToken != null).OrderByDescending(l => l.CreatedAtUtc);

    private PendingLink Add(AppDbContext db, Client client, DateTime nowUtc, Issuer issuer, Action<AppDbContext>? alongside)
    {
        var token = ClientLinkToken.New();
        var link = Domain.Clients.ClientLink.Create(ClientLinkToken.Hash(token), _protector.Protect(token), client.Id, client.ClinicId,
            issuer.CreatedBy, nowUtc);
        var before = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToHashSet();
        db.ClientLinks.Add(link);
        alongside?.Invoke(db);
        var pending = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && !before.Contains(e.Entity)).Select(e => e.Entity).ToList();
        return new PendingLink(link, UrlFor(token, issuer.Origin), pending);
    }

    /// <summary>Takes back what a lost race added (the link and its audit row); the caller's own changes stay.</summary>
    private static void Forget(AppDbContext db, IReadOnlyList<object> added)
    {
        foreach (var entity in added)
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }

    private sealed record PendingLink(Domain.Clients.ClientLink Link, string Url, IReadOnlyList<object> Pending);

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

/// <summary>A client's current link; <see cref="Url"/> is null when its stored token can no longer be read.</summary>
public sealed record CurrentLink(Domain.Clients.ClientLink Link, string? Url, bool Created);

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
    public const string Sent = "clientlink.sent";
}
