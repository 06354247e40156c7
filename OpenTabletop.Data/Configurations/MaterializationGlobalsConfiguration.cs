using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class MaterializationGlobalsConfiguration : IEntityTypeConfiguration<MaterializationGlobals>
{
    public void Configure(EntityTypeBuilder<MaterializationGlobals> builder)
    {
        builder.ToTable("materialization_globals");
        builder.HasKey(g => g.Singleton);
        builder.Property(g => g.Singleton).ValueGeneratedNever();
        builder.Property(g => g.GlobalMean).HasPrecision(5, 3);
        builder.Property(g => g.PriorVotes).HasColumnType("numeric(12,6)[]");
        builder.Property(g => g.ChangedAt).HasDefaultValueSql("now()");
    }
}
