using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Data.Configurations;

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> builder)
    {
        // The key is unique per clinic: two concurrent requests with one key cannot both be stored.
        builder.HasKey(r => new { r.ClinicId, r.Key });
        builder.HasOne<Clinic>().WithMany().HasForeignKey(r => r.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Key).HasMaxLength(IdempotentRequest.MaxKeyLength);
        builder.Property(r => r.Fingerprint).HasMaxLength(64).IsRequired();
        builder.Property(r => r.ResponseBody).IsRequired();
        builder.Property(r => r.Location).HasMaxLength(500);
        // For removing expired keys.
        builder.HasIndex(r => r.CreatedAtUtc);
    }
}
