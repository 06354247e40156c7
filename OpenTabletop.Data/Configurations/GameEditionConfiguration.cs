using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class GameEditionConfiguration : IEntityTypeConfiguration<GameEdition>
{
    public void Configure(EntityTypeBuilder<GameEdition> builder)
    {
        builder.ToTable("game_editions");
        builder.HasKey(e => e.Id);
        builder.HasOne(e => e.Game).WithMany(g => g.Editions)
            .HasForeignKey(e => e.GameId).OnDelete(DeleteBehavior.Cascade);

        builder.ComplexCollection(e => e.ProductCodes, codes =>
        {
            codes.ToJson("product_codes");
            codes.Property(c => c.Type).HasJsonPropertyName("type");
            codes.Property(c => c.Code).HasJsonPropertyName("code");
        });
        builder.ComplexProperty(e => e.Dimensions, dimensions =>
        {
            dimensions.ToJson("dimensions");
            dimensions.Property(d => d.Length).HasJsonPropertyName("length");
            dimensions.Property(d => d.Width).HasJsonPropertyName("width");
            dimensions.Property(d => d.Height).HasJsonPropertyName("height");
            dimensions.Property(d => d.Unit).HasJsonPropertyName("unit");
        });
        builder.ComplexProperty(e => e.BoxWeight, weight =>
        {
            weight.ToJson("box_weight");
            weight.Property(w => w.Value).HasJsonPropertyName("value");
            weight.Property(w => w.Unit).HasJsonPropertyName("unit");
        });
    }
}
