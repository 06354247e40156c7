using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

/// <summary>The relationships are configured with the skip navigations, in <see cref="GameConfiguration"/>.</summary>
internal sealed class GameCategoryConfiguration : IEntityTypeConfiguration<GameCategory>
{
    public void Configure(EntityTypeBuilder<GameCategory> builder)
    {
        builder.ToTable("game_categories");
        builder.HasKey(j => new { j.GameId, j.CategoryId });
    }
}
