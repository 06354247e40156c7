using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class GameSearchNameConfiguration : IEntityTypeConfiguration<GameSearchName>
{
    public void Configure(EntityTypeBuilder<GameSearchName> builder)
    {
        builder.ToTable("game_search_names");
        builder.HasKey(s => s.GameId);
        builder.Property(s => s.Names).HasColumnType("tsvector").ReadOnlyInDatabase();
        builder.Property(s => s.Document).HasColumnType("tsvector").ReadOnlyInDatabase();
        builder.HasOne<Game>().WithMany().HasForeignKey(s => s.GameId).OnDelete(DeleteBehavior.Cascade);
    }
}
