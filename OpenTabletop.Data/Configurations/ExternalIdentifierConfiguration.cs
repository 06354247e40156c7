using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class ExternalIdentifierConfiguration : IEntityTypeConfiguration<ExternalIdentifier>
{
    public void Configure(EntityTypeBuilder<ExternalIdentifier> builder)
    {
        builder.ToTable("external_identifiers");
        builder.HasKey(e => new { e.Source, e.ExternalId });
        builder.HasOne(e => e.Game).WithMany(g => g.ExternalIdentifiers)
            .HasForeignKey(e => e.GameId).OnDelete(DeleteBehavior.Cascade);
    }
}
