using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class PlayerCountPollLegacyConfiguration : IEntityTypeConfiguration<PlayerCountPollLegacy>
{
    public void Configure(EntityTypeBuilder<PlayerCountPollLegacy> builder)
    {
        builder.ToTable("player_count_polls_legacy");
        builder.HasKey(p => new { p.GameId, p.PlayerCount });
        builder.HasOne(p => p.Game).WithMany(g => g.PlayerCountPollsLegacy)
            .HasForeignKey(p => p.GameId).OnDelete(DeleteBehavior.Cascade);
    }
}
