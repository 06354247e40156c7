using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class MaintenanceModeConfiguration : IEntityTypeConfiguration<MaintenanceMode>
{
    public void Configure(EntityTypeBuilder<MaintenanceMode> builder)
    {
        builder.ToTable("maintenance_mode");
        builder.HasKey(m => m.Singleton);
        builder.Property(m => m.Singleton).ValueGeneratedNever();
        builder.Property(m => m.ChangedAt).HasDefaultValueSql("now()");
    }
}
