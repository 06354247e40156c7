using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class GameConfiguration : IEntityTypeConfiguration<Game>
{
    public void Configure(EntityTypeBuilder<Game> builder)
    {
        builder.ToTable("games");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.SortName).ValueGeneratedOnAddOrUpdate();
        builder.Property(g => g.RankByCategory).HasColumnType("jsonb");
        builder.Property(g => g.CreatedAt).HasColumnType("timestamptz");
        builder.Property(g => g.UpdatedAt).HasColumnType("timestamptz");
    }
}
