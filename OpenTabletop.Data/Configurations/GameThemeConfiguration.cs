using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

/// <summary>The relationships are configured with the skip navigations, in <see cref="GameConfiguration"/>.</summary>
internal sealed class GameThemeConfiguration : IEntityTypeConfiguration<GameTheme>
{
    public void Configure(EntityTypeBuilder<GameTheme> builder)
    {
        builder.ToTable("game_themes");
        builder.HasKey(j => new { j.GameId, j.ThemeId });
    }
}
