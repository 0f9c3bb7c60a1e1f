using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Web.Data.Configurations;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasOne<Clinic>().WithMany().HasForeignKey(c => c.ClinicId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.FullName).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.Phone).HasMaxLength(16);
        builder.Property(c => c.PreferredChannel).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.SkinNotes).HasMaxLength(2000);
        builder.Property(c => c.Contraindications).HasMaxLength(2000);
        builder.Property(c => c.Notes).HasMaxLength(4000);
        builder.Ignore(c => c.IsArchived);
        builder.Ignore(c => c.ContraindicationWarning);
        builder.Ignore(c => c.CanReceiveReminders);
        builder.HasIndex(c => new { c.ClinicId, c.FullName });
        builder.HasIndex(c => new { c.ClinicId, c.Email });
        builder.HasIndex(c => new { c.ClinicId, c.Phone });
    }
}
