using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.Clients;

/// <summary>
/// The rules that hold across a client's sessions: no two start at the same instant, nothing comes after a final
/// session, and the numbers are the sessions' places in time order (1, 2, 3…), so a backfilled earlier session
/// renumbers the later ones. The database enforces the same rules (unique indexes and the client's version).
/// </summary>
public static class SessionOrder
{
    /// <summary>
    /// Checks the client's kept sessions against the rules, numbers them in time order and marks the client changed
    /// (its version guards against a concurrent change to the same sessions). Sessions waiting for review are ignored.
    /// </summary>
    /// <returns>The sessions whose number changed.</returns>
    public static IReadOnlyList<TreatmentSession> Renumber(Client client, IEnumerable<TreatmentSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(sessions);
        var kept = sessions.Where(s => s.Review is null).OrderBy(s => s.StartsAtUtc).ToList();
        if (kept.Any(s => s.ClientId != client.Id))
        {
            throw new DomainException("A session belongs to another client.");
        }

        var changed = new List<TreatmentSession>();
        for (var i = 0; i < kept.Count; i++)
        {
            var session = kept[i];
            if (i > 0)
            {
                var previous = kept[i - 1];
                if (previous.StartsAtUtc == session.StartsAtUtc)
                {
                    throw new DomainException($"Session {previous.SessionNumber} already starts at this moment.");
                }

                if (previous.IsFinal)
                {
                    throw new DomainException("Only the last session can be final: a session comes after the final one.");
                }
            }

            if (session.SessionNumber != i + 1)
            {
                session.NumberAs(i + 1);
                changed.Add(session);
            }
        }

        client.SessionsChanged();
        return changed;
    }
}
