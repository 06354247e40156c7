using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

/// <summary>Tier-1 input: navigations from the row only; nothing loads these from a game.</summary>
internal sealed class WeightVoteConfiguration : IEntityTypeConfiguration<WeightVote>
{
    public void Configure(EntityTypeBuilder<WeightVote> builder)
    {
        builder.ToTable("weight_votes");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.CreatedAt).HasDefaultValueSql("now()");
        builder.HasOne(v => v.Game).WithMany()
            .HasForeignKey(v => v.GameId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(v => v.ApiKey).WithMany()
            .HasForeignKey(v => v.ApiKeyId).OnDelete(DeleteBehavior.Restrict);
    }
}
