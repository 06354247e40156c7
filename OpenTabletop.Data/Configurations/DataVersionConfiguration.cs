using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class DataVersionConfiguration : IEntityTypeConfiguration<DataVersion>
{
    public void Configure(EntityTypeBuilder<DataVersion> builder)
    {
        builder.ToTable("data_version");
        builder.HasKey(v => v.Singleton);
        builder.Property(v => v.Singleton).ValueGeneratedNever();
        builder.Property(v => v.ChangedAt).HasDefaultValueSql("now()");
    }
}
