using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Web.Data;

namespace SmpAftercare.Web.Infrastructure;

/// <summary>
/// Loads what the engine needs for one client (their sessions, each with the protocol version it was logged
/// under) and hands it to the domain. Pages, the client link and jobs all build timelines through here.
/// </summary>
public static class TimelineLoader
{
    /// <param name="query">A set scoped by the caller: the filtered set in a staff request, IgnoreQueryFilters in a job.</param>
    public static async Task<AftercareTimeline> LoadAsync(IQueryable<TreatmentSession> query, IQueryable<ProtocolVersion> versions, Clinic clinic, Guid clientId, CancellationToken cancellationToken = default)
    {
        var sessions = await query.Where(s => s.ClientId == clientId && s.ClinicId == clinic.Id).ToListAsync(cancellationToken);
        return await BuildAsync(sessions, versions, clinic, cancellationToken);
    }

    public static async Task<AftercareTimeline> BuildAsync(IReadOnlyCollection<TreatmentSession> sessions, IQueryable<ProtocolVersion> versions, Clinic clinic, CancellationToken cancellationToken = default)
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
        return AftercareTimeline.Build(DefaultProtocol.Smp, sessions.Select(s => s.ToTimeline(byId[s.ProtocolVersionId])), clinic.TimeZone);
    }

    /// <summary>
    /// Protocol versions are never edited (saving makes a new version), so a version's rules, once read, hold for
    /// good. Reading them was about a third of resolving a client's link (docs/performance.md); the clinic is kept
    /// with each entry so a version is only ever used for its own clinic.
    /// </summary>
    private static readonly ConcurrentDictionary<Guid, (Guid ClinicId, Protocol Protocol)> Protocols = new();
}
