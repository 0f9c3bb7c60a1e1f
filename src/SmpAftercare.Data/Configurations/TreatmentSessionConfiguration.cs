using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Data.Configurations;

internal sealed class TreatmentSessionConfiguration : IEntityTypeConfiguration<TreatmentSession>
{
    public void Configure(EntityTypeBuilder<TreatmentSession> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasOne<Client>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ProtocolVersion>().WithMany().HasForeignKey(s => s.ProtocolVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.TechnicianName).HasMaxLength(200).IsRequired();
        builder.Property(s => s.TechnicianId).HasMaxLength(64);
        builder.Property(s => s.PigmentNotes).HasMaxLength(1000);
        builder.Property(s => s.NeedleNotes).HasMaxLength(1000);
        builder.Property(s => s.AreaNotes).HasMaxLength(1000);
        builder.Property(s => s.Notes).HasMaxLength(4000);
        builder.Ignore(s => s.StartsAt);
        builder.HasIndex(s => new { s.ClinicId, s.ClientId, s.StartsAtUtc });
    }
}
