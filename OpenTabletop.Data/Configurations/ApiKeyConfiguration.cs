using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.NotBefore).HasDefaultValueSql("now()");
        builder.Property(k => k.CreatedAt).HasDefaultValueSql("now()");
        builder.HasOne(k => k.RotatedFromKey).WithMany()
            .HasForeignKey(k => k.RotatedFrom).OnDelete(DeleteBehavior.Restrict);
    }
}
