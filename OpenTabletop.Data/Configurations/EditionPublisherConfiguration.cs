using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class EditionPublisherConfiguration : IEntityTypeConfiguration<EditionPublisher>
{
    public void Configure(EntityTypeBuilder<EditionPublisher> builder)
    {
        builder.ToTable("edition_publishers");
        builder.HasKey(p => new { p.EditionId, p.PublisherId });
        builder.HasOne(p => p.Edition).WithMany(e => e.EditionPublishers)
            .HasForeignKey(p => p.EditionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Publisher).WithMany(p => p.EditionPublishers)
            .HasForeignKey(p => p.PublisherId).OnDelete(DeleteBehavior.Restrict);
    }
}
