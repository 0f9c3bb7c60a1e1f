using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Data.Configurations;

internal sealed class ClientLinkConfiguration : IEntityTypeConfiguration<ClientLink>
{
    public void Configure(EntityTypeBuilder<ClientLink> builder)
    {
        builder.HasKey(l => l.Id);
        builder.HasOne<Clinic>().WithMany().HasForeignKey(l => l.ClinicId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Client>().WithMany().HasForeignKey(l => l.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(l => l.TokenHash).HasMaxLength(ClientLinkToken.HashLength).IsFixedLength().IsRequired();
        builder.Property(l => l.CreatedBy).HasMaxLength(200).IsRequired();
        builder.Property(l => l.ProtectedToken).HasMaxLength(ClientLink.ProtectedTokenMaxLength);
        builder.Ignore(l => l.IsRevoked);
        builder.Ignore(l => l.CanBeShown);
        // The public page finds its row by hash alone (no signed-in clinic), so the hash is the lookup key.
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => new { l.ClinicId, l.ClientId });
        // One current link per client, however many requests (print, reminder, staff page) ask for it at once.
        // Links from before the current-link release (no encrypted token) are outside it: several may still work.
        // Quoted identifiers read the same on SQLite and PostgreSQL.
        builder.HasIndex(l => l.ClientId, "IX_ClientLinks_OneCurrent").IsUnique()
            .HasFilter("\"RevokedAtUtc\" IS NULL AND \"ProtectedToken\" IS NOT NULL");
    }
}
