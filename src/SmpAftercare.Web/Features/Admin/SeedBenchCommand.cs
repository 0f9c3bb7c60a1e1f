using System.Diagnostics;
using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Domain.Reminders;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Features.Staff;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Admin;

/// <summary>
/// Fills an empty database with a clinic chain's worth of realistic data for benchmarks and load tests. The
/// rules come from the domain (Client.Create, TreatmentSession.Log, the timeline and reminder planner, link
/// token hashing); rows are written with prepared INSERTs in one transaction per clinic, because EF change
/// tracking of a million rows takes many minutes.
/// </summary>
internal sealed class SeedBenchCommand : ICliCommand
{
    public const int MaxClinics = 1_000;
    public const int MaxClientsPerClinic = 100_000;

    /// <summary>The first clinic's sessions listed by --sessions-out: the load test prints their sheets as that clinic's owner.</summary>
    private const int SessionSample = 1_000;

    private static readonly (string TimeZone, string Locale, string Domain, string Phone)[] Places =
    [
        ("Europe/London", "en-GB", "co.uk", "020 7946 0"), ("America/New_York", "en-US", "com", "(212) 555-0"),
        ("America/Chicago", "en-US", "com", "(312) 555-0"), ("Australia/Sydney", "en-AU", "com.au", "(02) 5550 1"),
        ("Europe/Dublin", "en-IE", "ie", "01 555 0"), ("America/Los_Angeles", "en-US", "com", "(213) 555-0"),
    ];

    private static readonly string[] FirstNames =
    [
        "James", "Oliver", "Liam", "Noah", "Jack", "Harry", "George", "Leo", "Ethan", "Mason", "Lucas", "Logan", "Aiden", "Jacob",
        "Michael", "Daniel", "Matthew", "David", "Joseph", "Samuel", "Ryan", "Connor", "Callum", "Kieran", "Sean", "Declan",
        "Mohammed", "Omar", "Ali", "Hassan", "Arjun", "Rohan", "Vikram", "Wei", "Jun", "Hiroshi", "Kenji", "Mateo", "Diego",
        "Carlos", "Luis", "Marco", "Luca", "Giovanni", "Pierre", "Louis", "Hugo", "Lars", "Sven", "Piotr", "Tomasz", "Kwame",
        "Kofi", "Tunde", "Emeka", "Dmitri", "Ivan", "Andre", "Jamal", "Tyrone", "Marcus", "Nathan", "Sophie", "Emma", "Olivia",
        "Chloe", "Amara", "Priya", "Sara", "Maria", "Hannah", "Zoe",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Walker",
        "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Lewis", "Martin",
        "Jackson", "Clarke", "Clark", "Turner", "Hill", "Scott", "Cooper", "Morris", "Ward", "Moore", "King", "Watson", "Baker",
        "Murphy", "O'Brien", "O'Connor", "Kelly", "Byrne", "Ryan", "Walsh", "McCarthy", "Garcia", "Martinez", "Rodriguez",
        "Hernandez", "Lopez", "Gonzalez", "Nguyen", "Tran", "Chen", "Wang", "Li", "Zhang", "Kim", "Park", "Patel", "Shah",
        "Singh", "Khan", "Ahmed", "Hussain", "Okafor", "Mensah", "Adeyemi", "Kowalski", "Nowak", "Müller", "Schmidt", "Rossi",
        "Bianchi", "Dubois", "Moreau", "Andersson", "Johansson", "Ivanov", "Silva", "Santos", "Costa", "Jensen", "Hansen",
        "Fitzgerald", "MacDonald", "Campbell", "Stewart", "Reid", "Fraser",
    ];

    private static readonly string[] MailDomains = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com", "proton.me", "example.com"];

    private static readonly string[] Technicians = ["Alex Rivera", "Sam Okoye", "Jordan Blake", "Casey Nguyen", "Robin Patel", "Morgan Hughes"];

    private static readonly string[] Pigments = ["Shade 2, diluted 50%", "Shade 3 neat", "Shade 1 with 30% dilution", "Shade 2 neat"];

    private static readonly string[] Areas = ["Full scalp", "Hairline and temples", "Crown", "Scar camouflage, left side", "Density behind the hairline"];

    public string Name => "seed-bench";

    public string Usage => "seed-bench --clinics N --clients-per-clinic N [--seed N] [--tokens-out FILE] [--tokens N] [--sessions-out FILE] [--owner-password PASSWORD]";

    public IReadOnlyDictionary<string, bool> Options { get; } = new Dictionary<string, bool>
    {
        ["clinics"] = true,
        ["clients-per-clinic"] = true,
        ["seed"] = false,
        ["tokens-out"] = false,
        ["tokens"] = false,
        ["sessions-out"] = false,
        ["owner-password"] = false,
    };

    public void Check(CliOptions options, List<string> problems)
    {
        CheckNumber(options, "clinics", 1, MaxClinics, problems);
        CheckNumber(options, "clients-per-clinic", 1, MaxClientsPerClinic, problems);
        CheckNumber(options, "seed", 0, int.MaxValue, problems);
        CheckNumber(options, "tokens", 1, 1_000_000, problems);
        foreach (var file in new[] { "tokens-out", "sessions-out" })
        {
            if (options.Get(file) is { } path && string.IsNullOrWhiteSpace(path))
            {
                problems.Add($"--{file}: name the file to write.");
            }
        }

        if (options.Get("owner-password") is { } password)
        {
            var rules = new InlineValidator<OwnerPassword>();
            rules.RuleFor(p => p.Value).StaffPassword();
            problems.AddRange(rules.Validate(new OwnerPassword(password)).Errors.Select(e => $"--owner-password: {e.ErrorMessage}"));
        }
    }

    public async Task<int> RunAsync(WebApplication app, CliOptions options, TextWriter output, TextWriter error)
    {
        var clinics = Number(options, "clinics", 0);
        var perClinic = Number(options, "clients-per-clinic", 0);
        var seed = Number(options, "seed", 1);
        var tokenCount = Number(options, "tokens", 2_000);
        var password = options.Get("owner-password") ?? NewPassword();

        await app.Services.InitialiseDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Clinics.IgnoreQueryFilters().AnyAsync())
        {
            await error.WriteLineAsync("seed-bench fills an empty database only, and this one already has clinics. Point ConnectionStrings__Default at a new file (SQLite) or a new, empty database (PostgreSQL).");
            return AdminCli.Failed;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var urls = scope.ServiceProvider.GetRequiredService<PublicUrls>();
        var linkProtector = Features.ClientLink.ClientLinks.Protector(scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>());
        Features.ClientLink.ClientLinks.EnsureKeyRing(scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>());
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var nowUtc = now.UtcDateTime;
        var watch = Stopwatch.StartNew();
        var random = new Random(seed);

        // One hash for the shared bench password: at Identity's 100,000 PBKDF2 rounds, hashing it per owner would
        // cost seconds for nothing (each owner row still gets its own security stamp).
        var passwordHash = users.PasswordHasher.HashPassword(new StaffUser(), password);
        var setups = new List<(Clinic Clinic, ProtocolVersion Protocol, string OwnerEmail)>(clinics);
        for (var n = 1; n <= clinics; n++)
        {
            var place = Places[(n - 1) % Places.Length];
            var clinic = Clinic.Create(new ClinicDetails($"Bench SMP {n:D3}", place.TimeZone, place.Locale,
                $"{place.Phone}{n:D3}", $"hello@bench{n:D3}.example.{place.Domain}", $"{n} High Street"), nowUtc);
            var protocol = ProtocolVersion.Initial(clinic.Id, "seed-bench", nowUtc);
            db.Clinics.Add(clinic);
            db.ProtocolVersions.Add(protocol);
            setups.Add((clinic, protocol, $"owner{n}@bench{n:D3}.example"));
        }

        // One transaction for the clinics and their owners: 200 separate commits (each a disk sync) took ~9 s.
        await using (var setupTransaction = await db.Database.BeginTransactionAsync())
        {
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear(); // else every owner's save scans the 1,700 clinic and rule rows again
            foreach (var (clinic, _, email) in setups)
            {
                var owner = StaffUser.Create(clinic.Id, email, $"Owner of {clinic.Name}");
                owner.EmailConfirmed = true;
                owner.PasswordHash = passwordHash;
                var result = await users.CreateAsync(owner);
                result = result.Succeeded ? await users.AddToRoleAsync(owner, StaffRoles.Owner) : result;
                if (!result.Succeeded)
                {
                    await error.WriteLineAsync($"Could not create {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
                    return AdminCli.Failed;
                }
            }

            await setupTransaction.CommitAsync();
        }

        var setupTime = watch.Elapsed;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        using (var pragma = connection.CreateCommand())
        {
            // Only this connection, only while seeding: a crash mid-seed leaves a bench database to delete, not data
            // to lose. PostgreSQL still writes everything; it just does not wait for the disk at each commit.
            pragma.CommandText = db.Database.IsSqlite() ? "PRAGMA synchronous=OFF;" : "SET synchronous_commit = off;";
            pragma.ExecuteNonQuery();
        }

        var totals = new Counts();
        var tokens = new List<string>();
        long activeLinks = 0;
        var sessionIds = new List<Guid>();
        for (var c = 0; c < setups.Count; c++)
        {
            var (clinic, protocolVersion, _) = setups[c];
            var protocol = protocolVersion.ToProtocol();
            var settings = ClinicReminderSettings.Default(clinic.Id); // what the outbox uses when a clinic saved none
            var window = ReminderOutbox.Window(clinic);
            var place = Places[c % Places.Length];
            var today = clinic.TimeZone.DateOf(now);
            using var transaction = connection.BeginTransaction();
            using var clientRows = new BulkInserter<Client>(db, connection, transaction);
            using var sessionRows = new BulkInserter<TreatmentSession>(db, connection, transaction);
            using var linkRows = new BulkInserter<Domain.Clients.ClientLink>(db, connection, transaction);
            using var reminderRows = new BulkInserter<Reminder>(db, connection, transaction);
            for (var i = 0; i < perClinic; i++)
            {
                var plan = PlanClient(random, clinic, place, today, i);
                var client = Client.Create(clinic.Id, plan.Details, clinic.Region, plan.CreatedAtUtc);
                var sessions = new List<TreatmentSession>(plan.Sessions.Count);
                foreach (var details in plan.Sessions)
                {
                    sessions.Add(TreatmentSession.Log(client, protocolVersion.Id, details, sessions, details.StartsAt.UtcDateTime));
                }
                if (plan.Archived)
                {
                    client.Archive(nowUtc); // after logging: the domain logs no session for an archived client
                    totals.Archived++;
                }

                clientRows.Insert(client);
                foreach (var session in sessions)
                {
                    sessionRows.Insert(session);
                    if (c == 0 && sessionIds.Count < SessionSample && random.Next(3) == 0)
                    {
                        sessionIds.Add(session.Id);
                    }
                }

                // The link handed over with the printed sheet after the last session.
                var sheetToken = ClientLinkToken.New();
                var sheetLink = Domain.Clients.ClientLink.Create(ClientLinkToken.Hash(sheetToken), linkProtector.Protect(sheetToken), client.Id, clinic.Id,
                    sessions[^1].TechnicianName, sessions[^1].StartsAtUtc);
                linkRows.Insert(sheetLink);
                if (plan.Archived)
                {
                    continue;
                }

                var timeline = AftercareTimeline.Build(DefaultProtocol.Smp, sessions.Select(s => s.ToTimeline(protocol)), clinic.TimeZone);
                if (sheetLink.StateOn(today, sheetLink.LastValidDay(timeline.LastDay, clinic.TimeZone, clinic.LinkValidityDays)) == ClientLinkState.Active)
                {
                    // Reservoir sample of the links that open a timeline today (expired ones answer 410): uniform
                    // over all clinics, exactly --tokens of them when there are enough.
                    activeLinks++;
                    if (tokens.Count < tokenCount)
                    {
                        tokens.Add(sheetToken);
                    }
                    else if (random.NextInt64(activeLinks) is var slot && slot < tokenCount)
                    {
                        tokens[(int)slot] = sheetToken;
                    }
                }

                // What ReminderOutbox.RecomputeAsync plans for this client, without a query per client.
                var channels = ReminderOutbox.Reachable(client);
                if (channels.Count == 0)
                {
                    continue;
                }

                var planned = ReminderPlanner.Plan(timeline, client.PlannedNextSession, settings.EnabledMilestones, settings.NextSessionReminders, window, now);
                if (planned.Count == 0)
                {
                    continue;
                }

                // As ReminderOutbox plans them: the personal link is made by the dispatcher when a message is sent.
                foreach (var channel in channels)
                {
                    foreach (var reminder in planned)
                    {
                        var optOut = OptOutTokens.New();
                        var message = ReminderMessage.Compose(reminder, settings.Templates,
                            new MessageContext(client.FullName, clinic.Name, clinic.ContactPhone, clinic.Culture, ReminderMessage.PersonalLinkSlot, urls.OptOut(optOut)), channel);
                        reminderRows.Insert(Reminder.Plan(clinic.Id, client.Id, channel, reminder, message, optOut, nowUtc));
                    }
                }
            }

            transaction.Commit();
            totals.Clients += clientRows.Count;
            totals.Sessions += sessionRows.Count;
            totals.Links += linkRows.Count;
            totals.Reminders += reminderRows.Count;
        }

        await db.Database.CloseConnectionAsync();
        await WriteLinesAsync(options.Get("tokens-out"), tokens);
        await WriteLinesAsync(options.Get("sessions-out"), sessionIds.Select(id => id.ToString("D", CultureInfo.InvariantCulture)));

        await output.WriteLineAsync(password);
        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {clinics} clinics, {totals.Clients} clients ({totals.Archived} archived), {totals.Sessions} sessions, {totals.Links} personal links, {totals.Reminders} pending reminders in {watch.Elapsed.TotalSeconds:F1} s (clinics and owners {setupTime.TotalSeconds:F1} s)."));
        await error.WriteLineAsync($"Owners: owner1@bench001.example … owner{clinics}@bench{clinics:D3}.example, password on stdout (printed only now).");
        if (options.Get("tokens-out") is { } tokenFile)
        {
            await error.WriteLineAsync($"{tokens.Count} personal-link tokens (of {activeLinks} links working today) written to {Path.GetFullPath(tokenFile)}.");
        }

        return AdminCli.Done;
    }

    /// <summary>One client's details and sessions: up to two years back, 7-30 days apart, the last one often final.</summary>
    private static ClientPlan PlanClient(Random random, Clinic clinic, (string TimeZone, string Locale, string Domain, string Phone) place, DateOnly today, int index)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var hasEmail = random.NextDouble() < 0.85;
        var hasPhone = random.NextDouble() < 0.75;
        var email = hasEmail
            ? $"{Ascii(first)}{(random.Next(2) == 0 ? "." : "")}{Ascii(last)}{(random.Next(3) == 0 ? random.Next(1, 99).ToString(CultureInfo.InvariantCulture) : "")}@{MailDomains[random.Next(MailDomains.Length)]}"
            : null;
        var phone = hasPhone ? NationalMobile(random, place.Locale) : null;
        var channel = (hasEmail, hasPhone) switch
        {
            (true, true) => random.Next(2) == 0 ? ContactChannel.Email : ContactChannel.Sms,
            (true, false) => ContactChannel.Email,
            (false, true) => ContactChannel.Sms,
            _ => ContactChannel.None,
        };

        // First visits spread evenly over two years, so some courses are still running today.
        var count = random.Next(100) switch { < 20 => 1, < 55 => 2, < 90 => 3, _ => 4 };
        var firstDay = today.AddDays(-random.Next(1, 731));
        var sessions = new List<SessionDetails>(count);
        var day = firstDay;
        var finalLast = random.NextDouble() < 0.7;
        var technician = Technicians[random.Next(Technicians.Length)];
        for (var s = 1; s <= count && day < today; s++)
        {
            var local = day.ToDateTime(new TimeOnly(9 + random.Next(8), random.Next(2) * 30));
            var startsAt = clinic.TimeZone.ToInstant(local);
            sessions.Add(new SessionDetails(startsAt, null, technician, s == count && finalLast,
                Pigments[random.Next(Pigments.Length)], random.Next(3) == 0 ? "3RL 0.25 mm" : null, Areas[random.Next(Areas.Length)],
                random.Next(5) == 0 ? "Client tolerated well; slight redness at the temples." : null));
            day = day.AddDays(random.Next(7, 31));
        }

        // A course still running has its next session booked, more often than not.
        DateOnly? next = !sessions[^1].IsFinal && day >= today && random.Next(3) > 0 ? day : null;
        var details = new ClientDetails($"{first} {last}", email, phone, channel,
            EmailConsent: hasEmail && random.NextDouble() < 0.8, SmsConsent: hasPhone && random.NextDouble() < 0.7,
            SkinNotes: random.Next(4) == 0 ? "Oily skin, some sensitivity at the crown." : null,
            Contraindications: random.Next(25) == 0 ? "Takes blood thinners." : null,
            KeloidHistory: random.Next(200) == 0,
            Notes: index % 7 == 0 ? "Referred by a friend." : null,
            PlannedNextSession: next);
        var createdAt = firstDay.AddDays(-random.Next(0, 14)).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
        return new ClientPlan(details, sessions, createdAt, random.Next(100) < 3);
    }

    /// <summary>A mobile number as a person would type it in the clinic's country.</summary>
    private static string NationalMobile(Random random, string locale)
    {
        string Digits(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => (char)('0' + random.Next(10))));
        return locale switch
        {
            "en-US" => $"({random.Next(201, 990)}) 555-{Digits(4)}",
            "en-AU" => $"04{Digits(2)} {Digits(3)} {Digits(3)}",
            "en-IE" => $"08{random.Next(3, 10)} {Digits(3)} {Digits(4)}",
            _ => $"07{Digits(3)} {Digits(6)}",
        };
    }

    private static string Ascii(string name) =>
        new string(name.ToLowerInvariant().Replace("ü", "ue", StringComparison.Ordinal).Where(char.IsAsciiLetter).ToArray());

    private static async Task WriteLinesAsync(string? path, IEnumerable<string> lines)
    {
        if (path is null)
        {
            return;
        }

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllLinesAsync(full, lines);
    }

    private static string NewPassword() =>
        "Bench-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)) + "-x9";

    private static int Number(CliOptions options, string name, int fallback) =>
        options.Get(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static void CheckNumber(CliOptions options, string name, int min, int max, List<string> problems)
    {
        if (options.Get(name) is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"--{name}: '{text}' is not a whole number from {min} to {max}."));
        }
    }

    private sealed record ClientPlan(ClientDetails Details, List<SessionDetails> Sessions, DateTime CreatedAtUtc, bool Archived);

    private sealed record OwnerPassword(string Value);

    private sealed class Counts
    {
        public int Clients { get; set; }

        public int Sessions { get; set; }

        public int Links { get; set; }

        public int Reminders { get; set; }

        public int Archived { get; set; }
    }
}
