using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Data.Configurations;

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder)
    {
        builder.Property(u => u.FullName).HasMaxLength(200).IsRequired();
        builder.HasOne<Clinic>().WithMany().HasForeignKey(u => u.ClinicId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.ClinicId);
        // One account per address within a clinic, and only within it (docs/decisions/0016-staff-email-per-clinic.md):
        // the database holds the rule when two owners add the same address at once. Identity's own EmailIndex
        // (address alone) stays for sign-in, which looks across clinics.
        builder.HasIndex(u => new { u.ClinicId, u.NormalizedEmail }).IsUnique();
    }
}
