namespace SmpAftercare.Domain.Aftercare;

/// <summary>
/// Something a client does (or should do) while the scalp heals. Codes are stable: they are stored in
/// protocols, sent over the API and used in reminder settings, so never rename one.
/// </summary>
public sealed class Activity
{
    public static readonly Activity Wetting = new(0, "wetting", "Getting your scalp wet", "Shower or get my head wet", "You can rinse your scalp with warm water again");
    public static readonly Activity Soap = new(1, "soap", "Soap, shampoo and conditioner", "Wash my scalp with soap or shampoo", "You can wash your scalp with soap and shampoo again");
    public static readonly Activity Products = new(2, "products", "Ointments, creams and make-up", "Put creams or products on my scalp", "You can put products on your scalp again");
    public static readonly Activity Shaving = new(3, "shaving", "Shaving your head", "Shave my head", "You can shave again");
    public static readonly Activity Touching = new(4, "touching", "Touching, rubbing or scratching", "Touch or scratch my scalp", "You can touch your scalp normally again");
    public static readonly Activity Sweating = new(5, "sweating", "Sweating", "Do things that make me sweat", "Sweating is OK again");
    public static readonly Activity Exercise = new(6, "exercise", "Heavy exercise", "Go to the gym", "You can go back to heavy exercise");
    public static readonly Activity Swimming = new(7, "swimming", "Swimming", "Go swimming", "You can go swimming again");
    public static readonly Activity Sauna = new(8, "sauna", "Sauna and steam room", "Use a sauna or steam room", "Sauna and steam room are OK again");
    public static readonly Activity Sun = new(9, "sun", "Direct sun", "Go out in direct sun", "Direct sun is OK again (use sunscreen)");
    public static readonly Activity Moisturize = new(10, "moisturize", "Moisturise your scalp", "Moisturise my scalp", "Keep moisturising", isCare: true);
    public static readonly Activity Sunscreen = new(11, "sunscreen", "Sunscreen on your scalp", "Use sunscreen", "Use sunscreen", isCare: true);

    /// <summary>002: a simple natural cleanser for a very dry or oily scalp; the technician's call for one client, never in the default.</summary>
    public static readonly Activity Cleanser = new(12, "cleanser", "Gentle natural cleanser", "Use a gentle cleanser", "A gentle cleanser is fine", isCare: true);

    /// <summary>Every activity, restrictions first, in the order a client reads them.</summary>
    public static IReadOnlyList<Activity> All { get; } =
        [Wetting, Soap, Products, Shaving, Touching, Sweating, Exercise, Swimming, Sauna, Sun, Moisturize, Sunscreen, Cleanser];

    private Activity(int order, string code, string name, string question, string allowedAgain, bool isCare = false)
    {
        Code = code;
        Name = name;
        Question = question;
        AllowedAgain = allowedAgain;
        IsCare = isCare;
        Order = order;
    }

    public string Code { get; }

    /// <summary>Client-facing noun phrase ("Shaving your head").</summary>
    public string Name { get; }

    /// <summary>Client-facing "When can I ...?" wording ("Shave my head").</summary>
    public string Question { get; }

    /// <summary>Client-facing sentence for the day the restriction lifts ("You can shave again").</summary>
    public string AllowedAgain { get; }

    /// <summary>A care recommendation (moisturise, sunscreen) rather than something to avoid.</summary>
    public bool IsCare { get; }

    /// <summary>Position in <see cref="All"/>; lists shown to clients follow it.</summary>
    public int Order { get; }

    public static Activity FromCode(string? code) =>
        TryFromCode(code, out var activity)
            ? activity
            : throw new DomainException($"Unknown activity '{code}'. Known activities: {string.Join(", ", All.Select(a => a.Code))}.");

    public static bool TryFromCode(string? code, out Activity activity)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                activity = candidate;
                return true;
            }
        }

        activity = null!;
        return false;
    }

    public override string ToString() => Code;
}
