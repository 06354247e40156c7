using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

/// <summary>The relationships are configured with the skip navigations, in <see cref="GameConfiguration"/>.</summary>
internal sealed class GameMechanicConfiguration : IEntityTypeConfiguration<GameMechanic>
{
    public void Configure(EntityTypeBuilder<GameMechanic> builder)
    {
        builder.ToTable("game_mechanics");
        builder.HasKey(j => new { j.GameId, j.MechanicId });
    }
}
