using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

/// <summary>Tier-1 input: navigations from the row only; nothing loads these from a game.</summary>
internal sealed class CollectionEntryConfiguration : IEntityTypeConfiguration<CollectionEntry>
{
    public void Configure(EntityTypeBuilder<CollectionEntry> builder)
    {
        builder.ToTable("collection_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.CreatedAt).HasDefaultValueSql("now()");
        builder.HasOne(e => e.Game).WithMany()
            .HasForeignKey(e => e.GameId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(e => e.ApiKey).WithMany()
            .HasForeignKey(e => e.ApiKeyId).OnDelete(DeleteBehavior.Restrict);
    }
}
