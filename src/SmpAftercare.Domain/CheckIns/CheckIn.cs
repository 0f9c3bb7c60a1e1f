using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.CheckIns;

/// <summary>
/// A client's answer to "how is it healing?", sent from their personal link: the signs they ticked on their
/// healing day, an optional note and photos. A check-in with a warning sign is an alert until staff mark it seen.
/// </summary>
public sealed class CheckIn
{
    public const int NoteMaxLength = 1000;
    public const int SeenNoteMaxLength = 1000;

    private CheckIn()
    {
        SignCodes = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ClinicId { get; private set; }

    public Guid ClientId { get; private set; }

    public DateTime SubmittedAtUtc { get; private set; }

    /// <summary>The client's local date when they checked in.</summary>
    public DateOnly Date { get; private set; }

    /// <summary>Days since the latest session (day 0 is the session's day).</summary>
    public int HealingDay { get; private set; }

    /// <summary>Which session the day counts from (1 for the first).</summary>
    public int SessionNumber { get; private set; }

    /// <summary><see cref="HealingSign.Code"/>s, comma-separated, in catalogue order.</summary>
    public string SignCodes { get; private set; }

    public string? Note { get; private set; }

    /// <summary>At least one sign was a warning on that day: the clinic was alerted.</summary>
    public bool IsWarning { get; private set; }

    public DateTime? SeenAtUtc { get; private set; }

    public string? SeenBy { get; private set; }

    public string? SeenNote { get; private set; }

    /// <summary>A warning nobody has marked seen yet.</summary>
    public bool IsOpenAlert => IsWarning && SeenAtUtc is null;

    public IReadOnlyList<HealingSign> Signs =>
        [.. SignCodes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(HealingSigns.Find).OfType<HealingSign>()];

    /// <summary>What each ticked sign means on the check-in's day, warnings first.</summary>
    public IReadOnlyList<SignAnswer> Answers =>
        [.. Signs.Select(s => s.On(HealingDay)).OrderBy(a => a.Verdict == SignVerdict.Warning ? 0 : 1)];

    /// <param name="id">
    /// The id the check-in form was rendered with: the same form sent twice (a retry, a double tap) names the same
    /// check-in, so it is saved and announced once. Null: a new id.
    /// </param>
    public static CheckIn Submit(Guid clinicId, Guid clientId, DateOnly date, int healingDay, int sessionNumber,
        IEnumerable<string> signCodes, string? note, DateTime nowUtc, Guid? id = null)
    {
        ArgumentNullException.ThrowIfNull(signCodes);
        if (clinicId == Guid.Empty || clientId == Guid.Empty || id == Guid.Empty)
        {
            throw new DomainException("A check-in belongs to a clinic's client.");
        }

        if (healingDay < 0 || sessionNumber < 1)
        {
            throw new DomainException("A check-in is made after a session, on a healing day from day 0.");
        }

        if (nowUtc.Kind != DateTimeKind.Utc)
        {
            throw new DomainException("A check-in's time must be UTC.");
        }

        var codes = signCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var signs = new List<HealingSign>(codes.Count);
        foreach (var code in codes)
        {
            signs.Add(HealingSigns.Find(code) ?? throw new DomainException("One of the choices is not one we know. Please choose again."));
        }

        if (signs.Count == 0)
        {
            throw new DomainException("Tick at least one choice: how does your scalp look and feel today?");
        }

        if (signs.Contains(HealingSigns.AllGood) && signs.Count > 1)
        {
            throw new DomainException("You ticked \"it looks and feels fine\" and a sign as well. Untick one of them.");
        }

        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmed?.Length > NoteMaxLength)
        {
            throw new DomainException($"Keep the note under {NoteMaxLength} characters (it has {trimmed.Length}).");
        }

        var ordered = HealingSigns.All.Where(signs.Contains).ToList();
        return new CheckIn
        {
            Id = id ?? Guid.NewGuid(),
            ClinicId = clinicId,
            ClientId = clientId,
            SubmittedAtUtc = nowUtc,
            Date = date,
            HealingDay = healingDay,
            SessionNumber = sessionNumber,
            SignCodes = string.Join(',', ordered.Select(s => s.Code)),
            Note = trimmed,
            IsWarning = ordered.Any(s => s.On(healingDay).Verdict == SignVerdict.Warning),
        };
    }

    /// <summary>Staff have seen the alert and say what they did. Marking twice keeps the first.</summary>
    public bool MarkSeen(string staffName, string? note, DateTime nowUtc)
    {
        if (!IsWarning)
        {
            throw new DomainException("Only a check-in with a warning sign is marked seen.");
        }

        if (string.IsNullOrWhiteSpace(staffName))
        {
            throw new DomainException("Marking an alert seen records who saw it.");
        }

        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmed?.Length > SeenNoteMaxLength)
        {
            throw new DomainException($"Keep the note under {SeenNoteMaxLength} characters (it has {trimmed.Length}).");
        }

        if (SeenAtUtc is not null)
        {
            return false;
        }

        SeenAtUtc = nowUtc;
        SeenBy = staffName.Trim();
        SeenNote = trimmed;
        return true;
    }
}
