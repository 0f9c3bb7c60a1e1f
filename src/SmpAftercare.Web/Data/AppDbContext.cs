using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Domain.Reminders;

namespace SmpAftercare.Web.Data;

/// <summary>
/// The app's database. Clinic-scoped sets are filtered to the signed-in staff member's clinic (from their
/// claims, never from the browser); code with no signed-in clinic (jobs, the CLI) sees nothing unless it
/// opts out with IgnoreQueryFilters and scopes the query itself.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options, ICurrentClinic currentClinic)
    : IdentityDbContext<StaffUser>(options)
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

        // SQLite hands DateTime back with Kind Unspecified; every stored instant is UTC, so say so on the way out.
        var utc = new ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        var utcNullable = new ValueConverter<DateTime?, DateTime?>(v => v, v => v == null ? null : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
        {
            if (property.ClrType == typeof(DateTime))
            {
                property.SetValueConverter(utc);
            }
            else if (property.ClrType == typeof(DateTime?))
            {
                property.SetValueConverter(utcNullable);
            }
        }
    }
}

/// <summary>The clinic of whoever is making the request; null outside a signed-in request.</summary>
public interface ICurrentClinic
{
    Guid? ClinicId { get; }
}
