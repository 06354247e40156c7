using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

/// <summary>Tier-1 input: navigations from the row only; nothing loads these from a game.</summary>
internal sealed class PlayLogConfiguration : IEntityTypeConfiguration<PlayLog>
{
    public void Configure(EntityTypeBuilder<PlayLog> builder)
    {
        builder.ToTable("play_logs");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.CreatedAt).HasDefaultValueSql("now()");
        builder.HasOne(p => p.Game).WithMany()
            .HasForeignKey(p => p.GameId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.ApiKey).WithMany()
            .HasForeignKey(p => p.ApiKeyId).OnDelete(DeleteBehavior.Restrict);
    }
}
