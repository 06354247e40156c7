using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class GameCreditConfiguration : IEntityTypeConfiguration<GameCredit>
{
    public void Configure(EntityTypeBuilder<GameCredit> builder)
    {
        builder.ToTable("game_credits");
        builder.HasKey(c => new { c.GameId, c.PersonId, c.Role });
        builder.HasOne(c => c.Game).WithMany(g => g.Credits)
            .HasForeignKey(c => c.GameId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Person).WithMany(p => p.Credits)
            .HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
