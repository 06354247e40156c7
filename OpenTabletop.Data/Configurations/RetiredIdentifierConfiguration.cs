using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class RetiredIdentifierConfiguration : IEntityTypeConfiguration<RetiredIdentifier>
{
    public void Configure(EntityTypeBuilder<RetiredIdentifier> builder)
    {
        builder.ToTable("retired_identifiers");
        builder.HasKey(r => new { r.EntityType, r.Identifier });
        builder.Property(r => r.RetiredAt).HasDefaultValueSql("now()");
    }
}
