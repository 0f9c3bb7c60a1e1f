using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmpAftercare.Domain.CheckIns;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Data.Configurations;

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasOne<Clinic>().WithMany().HasForeignKey(c => c.ClinicId).OnDelete(DeleteBehavior.Restrict);
        // A client's check-ins go with the client; erasure deletes them explicitly and removes the photo files after its commit (Clients/ClientErasure).
        builder.HasOne<Client>().WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.SignCodes).HasMaxLength(300).IsRequired();
        builder.Property(c => c.Note).HasMaxLength(CheckIn.NoteMaxLength);
        builder.Property(c => c.SeenBy).HasMaxLength(200);
        builder.Property(c => c.SeenNote).HasMaxLength(CheckIn.SeenNoteMaxLength);
        builder.Ignore(c => c.Signs);
        builder.Ignore(c => c.Answers);
        builder.Ignore(c => c.IsOpenAlert);
        builder.HasIndex(c => new { c.ClientId, c.SubmittedAtUtc });
        // The dashboard's open alerts: warnings nobody has marked seen.
        builder.HasIndex(c => new { c.ClinicId, c.IsWarning, c.SeenAtUtc });
    }
}
