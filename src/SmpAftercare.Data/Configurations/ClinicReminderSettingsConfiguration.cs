using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Domain.Reminders;

namespace SmpAftercare.Data.Configurations;

internal sealed class ClinicReminderSettingsConfiguration : IEntityTypeConfiguration<ClinicReminderSettings>
{
    public void Configure(EntityTypeBuilder<ClinicReminderSettings> builder)
    {
        builder.HasKey(s => s.ClinicId);
        builder.HasOne<Clinic>().WithOne().HasForeignKey<ClinicReminderSettings>(s => s.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.EnabledMilestoneCodes).HasMaxLength(300).IsRequired();
        builder.Property(s => s.MilestoneEmailSubject).HasMaxLength(ReminderTemplates.SubjectMaxLength).IsRequired();
        builder.Property(s => s.NextSessionEmailSubject).HasMaxLength(ReminderTemplates.SubjectMaxLength).IsRequired();
        builder.Property(s => s.MilestoneEmailBody).HasMaxLength(ReminderTemplates.EmailBodyMaxLength).IsRequired();
        builder.Property(s => s.NextSessionEmailBody).HasMaxLength(ReminderTemplates.EmailBodyMaxLength).IsRequired();
        builder.Property(s => s.MilestoneSms).HasMaxLength(ReminderTemplates.SmsMaxLength).IsRequired();
        builder.Property(s => s.NextSessionSms).HasMaxLength(ReminderTemplates.SmsMaxLength).IsRequired();
        builder.Ignore(s => s.EnabledMilestones);
        builder.Ignore(s => s.Templates);
    }
}
