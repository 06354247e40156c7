using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class GameFacetConfiguration : IEntityTypeConfiguration<GameFacet>
{
    public void Configure(EntityTypeBuilder<GameFacet> builder)
    {
        builder.ToTable("game_facets");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Weight).HasPrecision(4, 3);
        builder.Property(f => f.AverageRating).HasPrecision(5, 3);
        builder.Property(f => f.BayesRating).HasPrecision(5, 3);
        builder.Property(f => f.RatingConfidence).HasPrecision(4, 3);
        builder.HasOne<Game>().WithMany().HasForeignKey(f => f.Id).OnDelete(DeleteBehavior.Cascade);
    }
}
