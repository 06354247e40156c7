using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class GameFacetsGenerationConfiguration : IEntityTypeConfiguration<GameFacetsGeneration>
{
    public void Configure(EntityTypeBuilder<GameFacetsGeneration> builder)
    {
        builder.ToTable("game_facets_generation");
        builder.HasKey(g => g.Singleton);
        builder.Property(g => g.Singleton).ValueGeneratedNever();
    }
}
