using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class IdempotencyKeyConfiguration : IEntityTypeConfiguration<IdempotencyKey>
{
    public void Configure(EntityTypeBuilder<IdempotencyKey> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(k => new { k.ApiKeyId, k.Key });
        builder.Property(k => k.Key).HasMaxLength(255);
        builder.Property(k => k.CreatedAt).HasDefaultValueSql("now()");
        builder.HasIndex(k => k.CreatedAt);
        builder.HasOne(k => k.ApiKey).WithMany().HasForeignKey(k => k.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}
