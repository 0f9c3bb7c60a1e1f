using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Infrastructure;

/// <summary>
/// Loads what the engine needs for one client (their sessions, each with the protocol version it was logged
/// under) and hands it to the domain. Pages, the client link and jobs all build timelines through here.
/// </summary>
public static class TimelineLoader
{
    /// <summary>
    /// One client's timeline in the given clinic, read with no signed-in clinic (the client's personal link): every
    /// read is scoped to <paramref name="clinic"/> explicitly instead of by the tenant filter.
    /// </summary>
    public static async Task<AftercareTimeline> LoadAsync(AppDbContext db, Clinic clinic, Guid clientId, CancellationToken cancellationToken = default)
    {
        var sessions = new List<TreatmentSession>();
        await foreach (var session in SessionsOf.For(db)(db, clinic.Id, clientId).WithCancellation(cancellationToken))
        {
            sessions.Add(session);
        }

        return await BuildAsync(sessions, db.ProtocolVersions.IgnoreQueryFilters().AsNoTracking(), clinic,
            await AdjustmentsAsync(db, clinic.Id, clientId, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// A client's adjustments, oldest first, as of this unit of work: one added before the caller saves (the
    /// reminders replanned in the same save) counts, one removed does not.
    /// </summary>
    public static async Task<IReadOnlyList<ClientRuleAdjustment>> AdjustmentsAsync(AppDbContext db, Guid clinicId, Guid clientId, CancellationToken cancellationToken = default)
    {
        var stored = await db.RuleAdjustments.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.ClinicId == clinicId && a.ClientId == clientId).ToListAsync(cancellationToken);
        var tracked = db.ChangeTracker.Entries<ClientRuleAdjustment>()
            .Where(e => e.Entity.ClinicId == clinicId && e.Entity.ClientId == clientId).ToList();
        var deleted = tracked.Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToHashSet();
        return [.. stored.Where(a => !deleted.Contains(a.Id))
            .Concat(tracked.Where(e => e.State == EntityState.Added).Select(e => e.Entity))
            .OrderBy(a => a.CreatedAtUtc)];
    }

    private static readonly CompiledPerProvider<Func<AppDbContext, Guid, Guid, IAsyncEnumerable<TreatmentSession>>> SessionsOf = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, Guid clinicId, Guid clientId) =>
            db.Sessions.IgnoreQueryFilters().AsNoTracking().Where(s => s.ClientId == clientId && s.ClinicId == clinicId && s.Review == null)));

    /// <summary>The timeline without the client's adjustments: enough where only session spacing is asked about.</summary>
    public static Task<AftercareTimeline> BuildAsync(IReadOnlyCollection<TreatmentSession> sessions, IQueryable<ProtocolVersion> versions, Clinic clinic, CancellationToken cancellationToken = default) =>
        BuildAsync(sessions, versions, clinic, [], cancellationToken);

    /// <param name="adjustments">The client's adjustments, from <see cref="AdjustmentsAsync"/>.</param>
    public static async Task<AftercareTimeline> BuildAsync(IReadOnlyCollection<TreatmentSession> sessions, IQueryable<ProtocolVersion> versions, Clinic clinic,
        IReadOnlyList<ClientRuleAdjustment> adjustments, CancellationToken cancellationToken = default)
    {
        var byId = new Dictionary<Guid, Protocol>();
        List<Guid>? missing = null;
        foreach (var id in sessions.Select(s => s.ProtocolVersionId).Distinct())
        {
            if (Protocols.TryGetValue(id, out var known) && known.ClinicId == clinic.Id)
            {
                byId[id] = known.Protocol;
            }
            else
            {
                (missing ??= []).Add(id);
            }
        }

        if (missing is not null)
        {
            foreach (var version in await versions.Where(v => v.ClinicId == clinic.Id && missing.Contains(v.Id)).ToListAsync(cancellationToken))
            {
                var protocol = version.ToProtocol();
                Protocols[version.Id] = (version.ClinicId, protocol);
                byId[version.Id] = protocol;
            }
        }

        // Every session carries its own version, so the timeline's fallback protocol is never consulted.
        return AftercareTimeline.Build(DefaultProtocol.Smp, sessions.Select(s => s.ToTimeline(byId[s.ProtocolVersionId])), clinic.TimeZone,
            [.. adjustments.Select(a => a.ToEngine())]);
    }

    /// <summary>
    /// Protocol versions are never edited (saving makes a new version), so a version's rules, once read, hold for
    /// good. Reading them was about a third of resolving a client's link (docs/performance.md); the clinic is kept
    /// with each entry so a version is only ever used for its own clinic.
    /// </summary>
    private static readonly ConcurrentDictionary<Guid, (Guid ClinicId, Protocol Protocol)> Protocols = new();
}
