using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmpAftercare.Domain.CheckIns;
using SmpAftercare.Domain.Clients;

namespace SmpAftercare.Data.Configurations;

internal sealed class CheckInPhotoConfiguration : IEntityTypeConfiguration<CheckInPhoto>
{
    public void Configure(EntityTypeBuilder<CheckInPhoto> builder)
    {
        builder.HasKey(p => p.Id);
        builder.HasOne<CheckIn>().WithMany().HasForeignKey(p => p.CheckInId).OnDelete(DeleteBehavior.Cascade);
        // No second cascade path from the client (SQL Server-style multiple paths are refused by some providers).
        builder.HasOne<Client>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.NoAction);
        builder.Property(p => p.Angle).HasConversion<string>().HasMaxLength(20);
        // One photo per angle per check-in: a double submit cannot store two.
        builder.HasIndex(p => new { p.CheckInId, p.Angle }).IsUnique();
        builder.HasIndex(p => p.ClientId);
    }
}
