using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmpAftercare.Domain.CheckIns;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Data.Configurations;

internal sealed class ClinicCheckInSettingsConfiguration : IEntityTypeConfiguration<ClinicCheckInSettings>
{
    public void Configure(EntityTypeBuilder<ClinicCheckInSettings> builder)
    {
        builder.HasKey(s => s.ClinicId);
        builder.HasOne<Clinic>().WithOne().HasForeignKey<ClinicCheckInSettings>(s => s.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.AfterEachSession).HasMaxLength(100).IsRequired();
        builder.Property(s => s.AfterFinalSession).HasMaxLength(100).IsRequired();
        builder.Ignore(s => s.Schedule);
    }
}
