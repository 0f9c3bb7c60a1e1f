using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Data.Configurations;

internal sealed class ClinicConfiguration : IEntityTypeConfiguration<Clinic>
{
    public void Configure(EntityTypeBuilder<Clinic> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.Property(c => c.TimeZoneId).HasMaxLength(64).IsRequired();
        builder.Property(c => c.Locale).HasMaxLength(16).IsRequired();
        builder.Property(c => c.ContactPhone).HasMaxLength(40);
        builder.Property(c => c.ContactEmail).HasMaxLength(254);
        builder.Property(c => c.Address).HasMaxLength(500);
        // The database default gives clinics that existed before the setting today's limits. The sentinel is a value
        // the domain never allows, so a clinic that chose 0 keeps 0 instead of getting the default on insert.
        builder.Property(c => c.AdjustmentMaxDaysShorter).HasDefaultValue(AdjustmentLimits.Default.MaxDaysShorter).HasSentinel(-1);
        builder.Property(c => c.AdjustmentMaxDaysLonger).HasDefaultValue(AdjustmentLimits.Default.MaxDaysLonger).HasSentinel(-1);
        builder.Ignore(c => c.AdjustmentLimits);
        builder.Ignore(c => c.TimeZone);
        builder.Ignore(c => c.Culture);
        builder.Ignore(c => c.Region);
    }
}
