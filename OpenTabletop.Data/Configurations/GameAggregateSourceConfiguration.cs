using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class GameAggregateSourceConfiguration : IEntityTypeConfiguration<GameAggregateSource>
{
    public void Configure(EntityTypeBuilder<GameAggregateSource> builder)
    {
        builder.ToTable("game_aggregate_sources");
        builder.HasKey(s => s.GameId);
        builder.HasOne<Game>().WithOne().HasForeignKey<GameAggregateSource>(s => s.GameId).OnDelete(DeleteBehavior.Cascade);
    }
}
