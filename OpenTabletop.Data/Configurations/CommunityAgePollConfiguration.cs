using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class CommunityAgePollConfiguration : IEntityTypeConfiguration<CommunityAgePoll>
{
    public void Configure(EntityTypeBuilder<CommunityAgePoll> builder)
    {
        builder.ToTable("community_age_polls");
        builder.HasKey(p => new { p.GameId, p.SuggestedAge });
        builder.HasOne(p => p.Game).WithMany(g => g.CommunityAgePolls)
            .HasForeignKey(p => p.GameId).OnDelete(DeleteBehavior.Cascade);
    }
}
