using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.HasKey(k => k.Id);
        builder.HasOne<Clinic>().WithMany().HasForeignKey(k => k.ClinicId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(k => k.Label).HasMaxLength(ApiKey.MaxLabelLength).IsRequired();
        builder.Property(k => k.Hash).HasMaxLength(64).IsRequired();
        builder.Property(k => k.Start).HasMaxLength(16).IsRequired();
        builder.Property(k => k.CreatedBy).HasMaxLength(200).IsRequired();
        builder.Ignore(k => k.IsRevoked);
        // Every API request looks its key up by hash, before any clinic is known.
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.HasIndex(k => k.ClinicId);
    }
}
