using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.Clients;

/// <summary>
/// A technician's decision for one client, from one session on: keep a restriction longer, lift it earlier
/// (within the clinic's limits) or switch on a recommendation the protocol leaves to the technician (002: a gentle
/// cleanser from day 4 for a very dry or oily scalp). Who, when and why are kept; the engine reads it through
/// <see cref="ToEngine"/>.
/// </summary>
public sealed class ClientRuleAdjustment
{
    public const int ClientNoteMaxLength = 300;
    public const int ReasonMaxLength = 1000;

    private ClientRuleAdjustment()
    {
        ActivityCode = ClientNote = Reason = AdjustedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ClinicId { get; private set; }

    public Guid ClientId { get; private set; }

    /// <summary>The session from which on the change holds (it and every later session).</summary>
    public Guid FromSessionId { get; private set; }

    public string ActivityCode { get; private set; }

    public RuleAnchor Anchor { get; private set; }

    public int FromDay { get; private set; }

    public int ToDay { get; private set; }

    /// <summary>What the client reads ("a gentle cleanser is fine from day 4").</summary>
    public string ClientNote { get; private set; }

    /// <summary>Why, for the clinic's records.</summary>
    public string Reason { get; private set; }

    public string AdjustedBy { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public Activity Activity => Activity.FromCode(ActivityCode);

    /// <param name="protocol">The rules the session was logged under: a restriction must have a rule to change.</param>
    /// <param name="fromDay">For a recommendation, its first day; ignored for a restriction (its rule's start stays).</param>
    /// <param name="toDay">For a restriction, the new last day to avoid; for a recommendation, its last day.</param>
    public static ClientRuleAdjustment Create(Client client, TreatmentSession fromSession, Protocol protocol, Activity activity, RuleAnchor anchor,
        int fromDay, int toDay, string clientNote, string reason, string adjustedBy, AdjustmentLimits limits, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fromSession);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(limits);
        if (client.IsArchived)
        {
            throw new DomainException("Restore the client before adjusting their aftercare: the client is archived.");
        }

        if (fromSession.ClientId != client.Id)
        {
            throw new DomainException("The session is not one of this client's.");
        }

        if (!Enum.IsDefined(anchor))
        {
            throw new DomainException($"Unknown rule anchor {anchor}.");
        }

        if (string.IsNullOrWhiteSpace(clientNote) || clientNote.Trim().Length > ClientNoteMaxLength)
        {
            throw new DomainException($"Say in a sentence of at most {ClientNoteMaxLength} characters what the client should know about the change.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > ReasonMaxLength)
        {
            throw new DomainException($"Give the reason for the change (at most {ReasonMaxLength} characters).");
        }

        if (string.IsNullOrWhiteSpace(adjustedBy))
        {
            throw new DomainException("An adjustment records who made it.");
        }

        int from;
        if (activity.IsCare)
        {
            from = fromDay;
            _ = DayRange.Create(fromDay, toDay);
        }
        else
        {
            if (ProtocolDays(protocol, activity, anchor, out var start, out var end) is { } unmovable)
            {
                throw new DomainException(unmovable);
            }

            from = start;
            if (toDay == end)
            {
                throw new DomainException($"Day {toDay} is already the protocol's last day for {activity.Name.ToLowerInvariant()}.");
            }

            if (limits.Refusal(start, end, toDay) is { } refusal)
            {
                throw new DomainException(refusal);
            }
        }

        return new ClientRuleAdjustment
        {
            Id = Guid.NewGuid(),
            ClinicId = client.ClinicId,
            ClientId = client.Id,
            FromSessionId = fromSession.Id,
            ActivityCode = activity.Code,
            Anchor = anchor,
            FromDay = from,
            ToDay = toDay,
            ClientNote = clientNote.Trim(),
            Reason = reason.Trim(),
            AdjustedBy = adjustedBy.Trim(),
            CreatedAtUtc = nowUtc,
        };
    }

    /// <summary>
    /// Whether this restriction ends further from the protocol than <paramref name="limits"/> allow: an adjustment
    /// saved under wider limits is kept when the clinic narrows them (docs/decisions/0015-adjustment-limits.md), and
    /// staff see that it is. A recommendation, or a rule the protocol no longer has in that form, is never outside.
    /// </summary>
    /// <param name="protocol">The rules of the session the adjustment starts from.</param>
    public bool IsOutside(AdjustmentLimits limits, Protocol protocol)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(protocol);
        return !Activity.IsCare && ProtocolDays(protocol, Activity, Anchor, out var from, out var end) is null && limits.Refusal(from, end, ToDay) is not null;
    }

    public RuleAdjustment ToEngine() => new(FromSessionId, Activity, Anchor, DayRange.Create(FromDay, ToDay), ClientNote);

    /// <summary>The first and last day the protocol keeps the restriction; or, when it cannot be moved for one client, why.</summary>
    private static string? ProtocolDays(Protocol protocol, Activity activity, RuleAnchor anchor, out int from, out int end)
    {
        from = end = 0;
        var rules = protocol.Rules.Where(r => r.Activity == activity && r.Anchor == anchor && r.Kind == RuleKind.Avoid).ToList();
        if (rules.Count == 0)
        {
            return $"The protocol has no rule for {activity.Name.ToLowerInvariant()} after {AnchorText(anchor)} to adjust.";
        }

        if (rules.Any(r => r.Days.IsOpenEnded))
        {
            return $"The rule for {activity.Name.ToLowerInvariant()} never ends; it cannot be moved for one client.";
        }

        from = rules.Min(r => r.Days.From);
        end = rules.Max(r => r.Days.To!.Value);
        return null;
    }

    private static string AnchorText(RuleAnchor anchor) => anchor == RuleAnchor.EverySession ? "every session" : "the final session";
}
