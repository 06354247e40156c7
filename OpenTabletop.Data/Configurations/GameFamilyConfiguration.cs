using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

/// <summary>The relationships are configured with the skip navigations, in <see cref="GameConfiguration"/>.</summary>
internal sealed class GameFamilyConfiguration : IEntityTypeConfiguration<GameFamily>
{
    public void Configure(EntityTypeBuilder<GameFamily> builder)
    {
        builder.ToTable("game_families");
        builder.HasKey(j => new { j.GameId, j.FamilyId });
    }
}
