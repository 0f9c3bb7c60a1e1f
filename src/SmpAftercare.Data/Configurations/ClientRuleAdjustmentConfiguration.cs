using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Data.Configurations;

internal sealed class ClientRuleAdjustmentConfiguration : IEntityTypeConfiguration<ClientRuleAdjustment>
{
    public void Configure(EntityTypeBuilder<ClientRuleAdjustment> builder)
    {
        builder.ToTable("ClientRuleAdjustments");
        builder.HasKey(a => a.Id);
        builder.HasOne<Clinic>().WithMany().HasForeignKey(a => a.ClinicId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Client>().WithMany().HasForeignKey(a => a.ClientId).OnDelete(DeleteBehavior.Cascade);
        // An adjustment counts from its session: deleting the session takes the adjustment with it.
        builder.HasOne<TreatmentSession>().WithMany().HasForeignKey(a => a.FromSessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.ActivityCode).HasMaxLength(32).IsRequired();
        builder.Property(a => a.Anchor).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.ClientNote).HasMaxLength(ClientRuleAdjustment.ClientNoteMaxLength).IsRequired();
        builder.Property(a => a.Reason).HasMaxLength(ClientRuleAdjustment.ReasonMaxLength).IsRequired();
        builder.Property(a => a.AdjustedBy).HasMaxLength(200).IsRequired();
        builder.Ignore(a => a.Activity);
        builder.HasIndex(a => new { a.ClinicId, a.ClientId, a.CreatedAtUtc });
    }
}
