using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Domain.Reminders;

namespace SmpAftercare.Data.Configurations;

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.HasKey(r => r.Id);
        builder.HasOne<Clinic>().WithMany().HasForeignKey(r => r.ClinicId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Client>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Cascade);
        // Stored as text: the dispatcher's claim is a raw UPDATE ... WHERE "Status" = 'Pending' (ReminderOutbox).
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Channel).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Subject).HasMaxLength(300);
        builder.Property(r => r.Body).HasMaxLength(8000).IsRequired();
        builder.Property(r => r.LastError).HasMaxLength(Reminder.MaxErrorLength);
        builder.Property(r => r.Recipient).HasMaxLength(254);
        builder.Property(r => r.OptOutToken).HasMaxLength(OptOutTokens.MaxLength).IsRequired();
        builder.Ignore(r => r.IsHistory);

        // The dedupe key: replanning finds the same row, and a reminder once sent is never planned again.
        builder.HasIndex(r => new { r.ClientId, r.Channel, r.Kind, r.AnnouncedDate }).IsUnique();
        builder.HasIndex(r => r.OptOutToken).IsUnique();
        builder.HasIndex(r => new { r.Status, r.DueAtUtc });
        builder.HasIndex(r => new { r.ClinicId, r.Status, r.DueAtUtc });
    }
}
