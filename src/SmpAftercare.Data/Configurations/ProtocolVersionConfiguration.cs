using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Data.Configurations;

internal sealed class ProtocolVersionConfiguration : IEntityTypeConfiguration<ProtocolVersion>
{
    public void Configure(EntityTypeBuilder<ProtocolVersion> builder)
    {
        builder.HasKey(p => p.Id);
        builder.HasOne<Clinic>().WithMany().HasForeignKey(p => p.ClinicId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.ClinicId, p.Version }).IsUnique();
        builder.Property(p => p.CreatedBy).HasMaxLength(200);
        builder.OwnsMany(p => p.Rules, rules =>
        {
            rules.ToTable("ProtocolRules");
            rules.WithOwner().HasForeignKey("ProtocolVersionId");
            rules.Property<int>("Id");
            rules.HasKey("Id");
            rules.Property(r => r.ActivityCode).HasMaxLength(20).IsRequired();
            rules.Property(r => r.Kind).HasConversion<string>().HasMaxLength(10);
            rules.Property(r => r.Anchor).HasConversion<string>().HasMaxLength(20);
            rules.Property(r => r.Instruction).HasMaxLength(500).IsRequired();
            rules.Property(r => r.Source).HasMaxLength(300).IsRequired();
        });
        builder.Navigation(p => p.Rules).HasField("_rules").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
    }
}
