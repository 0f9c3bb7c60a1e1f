using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Clients;

namespace SmpAftercare.SearchBench;

/// <summary>
/// What ClientList.razor does on every keystroke: a new context (the page takes one per operation), the clinic
/// row, then <see cref="ClientDirectory.SearchAsync"/> for the first page of 25, sorted by name, with the total.
/// Run against the clinic with the most clients in the database.
/// </summary>
public class ClientSearchBenchmarks
{
    private DbContextOptions<AppDbContext> _options = default!;
    private FixedClinic _clinic = default!;
    private DateTimeOffset _now;

    /// <summary>
    /// Typed one letter after another ("s", "sm", "smi", "smith"), an email domain, phone digits, a name part, nothing
    /// found; SMP_BENCH_TERMS="sm,o'b" runs only those.
    /// </summary>
    [ParamsSource(nameof(Terms))]
    public string Term { get; set; } = string.Empty;

    public static IEnumerable<string> Terms =>
        Environment.GetEnvironmentVariable("SMP_BENCH_TERMS")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? ["s", "sm", "smi", "smith", "an", "gmail", "7946", "o'b", "zzq"];

    public int Clients { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var provider = AppDatabase.ParseProvider(Environment.GetEnvironmentVariable("SMP_BENCH_PROVIDER"));
        var connection = Environment.GetEnvironmentVariable("SMP_BENCH_DB") ?? throw new InvalidOperationException("Set SMP_BENCH_DB to the seeded database's connection string.");
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.Use(provider, connection);
        _options = builder.Options;
        using var db = new AppDbContext(_options, new FixedClinic(null));
        var biggest = db.Clients.IgnoreQueryFilters().GroupBy(c => c.ClinicId).Select(g => new { Id = g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).First();
        _clinic = new FixedClinic(biggest.Id);
        Clients = biggest.Count;
        _now = TimeProvider.System.GetUtcNow();
        Console.WriteLine($"// {provider}: clinic {biggest.Id} with {biggest.Count} clients");
    }

    [Benchmark]
    public async Task<int> SearchFirstPage()
    {
        await using var db = new AppDbContext(_options, _clinic);
        var clinic = await db.Clinics.AsNoTracking().SingleAsync();
        var result = await ClientDirectory.SearchAsync(db, clinic, new ClientQuery(Term), _now);
        return result.Total;
    }

    private sealed class FixedClinic(Guid? id) : ICurrentClinic
    {
        public Guid? ClinicId { get; } = id;
    }
}
