using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class GamePublisherConfiguration : IEntityTypeConfiguration<GamePublisher>
{
    public void Configure(EntityTypeBuilder<GamePublisher> builder)
    {
        builder.ToTable("game_publishers");
        builder.HasKey(p => new { p.GameId, p.PublisherId });
        builder.HasOne(p => p.Game).WithMany(g => g.GamePublishers)
            .HasForeignKey(p => p.GameId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Publisher).WithMany(p => p.GamePublishers)
            .HasForeignKey(p => p.PublisherId).OnDelete(DeleteBehavior.Restrict);
    }
}
