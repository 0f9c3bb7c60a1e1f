using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.CheckIns;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Domain.Reminders;

namespace SmpAftercare.Data;

/// <summary>
/// The app's database. Clinic-scoped sets are filtered to the signed-in staff member's clinic (from their
/// claims, never from the browser); code with no signed-in clinic (jobs, the CLI) sees nothing unless it
/// opts out with IgnoreQueryFilters and scopes the query itself.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options, ICurrentClinic currentClinic)
    : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// Read at every query, not once at construction: Identity's cookie validation builds the request's
    /// AppDbContext (SecurityStampValidator -> SignInManager -> UserStore) before HttpContext.User is set,
    /// and a value captured then would be null for the rest of the request.
    /// </summary>
    public Guid? CurrentClinicId => currentClinic.ClinicId;

    public DbSet<Clinic> Clinics => Set<Clinic>();

    public DbSet<Client> Clients => Set<Client>();

    public DbSet<TreatmentSession> Sessions => Set<TreatmentSession>();

    public DbSet<ProtocolVersion> ProtocolVersions => Set<ProtocolVersion>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ClientLink> ClientLinks => Set<ClientLink>();
    public DbSet<Reminder> Reminders => Set<Reminder>();

    public DbSet<ClinicReminderSettings> ReminderSettings => Set<ClinicReminderSettings>();

    public DbSet<CheckIn> CheckIns => Set<CheckIn>();

    public DbSet<CheckInPhoto> CheckInPhotos => Set<CheckInPhoto>();

    public DbSet<ClinicCheckInSettings> CheckInSettings => Set<ClinicCheckInSettings>();

    /// <summary>
    /// The keys that protect sign-in cookies and antiforgery tokens: in the database, so every app process on it
    /// shares them and they survive a restart (docs/decisions/0005-two-databases.md).
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Not tenant-filtered: always read by the API key's clinic and the key together.</summary>
    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    public DbSet<ClientRuleAdjustment> RuleAdjustments => Set<ClientRuleAdjustment>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        builder.Entity<Clinic>().HasQueryFilter(c => c.Id == CurrentClinicId);
        builder.Entity<Client>().HasQueryFilter(c => c.ClinicId == CurrentClinicId);
        builder.Entity<TreatmentSession>().HasQueryFilter(s => s.ClinicId == CurrentClinicId);
        builder.Entity<ProtocolVersion>().HasQueryFilter(p => p.ClinicId == CurrentClinicId);
        builder.Entity<AuditEntry>().HasQueryFilter(a => a.ClinicId == CurrentClinicId);
        builder.Entity<ApiKey>().HasQueryFilter(k => k.ClinicId == CurrentClinicId);
        builder.Entity<ClientLink>().HasQueryFilter(l => l.ClinicId == CurrentClinicId);
        builder.Entity<Reminder>().HasQueryFilter(r => r.ClinicId == CurrentClinicId);
        builder.Entity<ClinicReminderSettings>().HasQueryFilter(r => r.ClinicId == CurrentClinicId);
        builder.Entity<ClientRuleAdjustment>().HasQueryFilter(a => a.ClinicId == CurrentClinicId);
        builder.Entity<CheckIn>().HasQueryFilter(c => c.ClinicId == CurrentClinicId);
        builder.Entity<CheckInPhoto>().HasQueryFilter(p => p.ClinicId == CurrentClinicId);
        builder.Entity<ClinicCheckInSettings>().HasQueryFilter(s => s.ClinicId == CurrentClinicId);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is stored as UTC, so SQL compares and orders them as instants on both providers
        // (docs/decisions/0005-two-databases.md).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetConverter>();
    }
}
