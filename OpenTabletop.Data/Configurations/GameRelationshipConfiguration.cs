using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class GameRelationshipConfiguration : IEntityTypeConfiguration<GameRelationship>
{
    public void Configure(EntityTypeBuilder<GameRelationship> builder)
    {
        builder.ToTable("game_relationships");
        builder.HasKey(r => new { r.SourceGameId, r.TargetGameId, r.RelationshipType });
        builder.Property(r => r.Metadata).HasJsonbConversion();
        builder.HasOne(r => r.SourceGame).WithMany(g => g.OutgoingRelationships)
            .HasForeignKey(r => r.SourceGameId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.TargetGame).WithMany(g => g.IncomingRelationships)
            .HasForeignKey(r => r.TargetGameId).OnDelete(DeleteBehavior.Cascade);
    }
}
