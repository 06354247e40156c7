using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class ExpansionCombinationConfiguration : IEntityTypeConfiguration<ExpansionCombination>
{
    public void Configure(EntityTypeBuilder<ExpansionCombination> builder)
    {
        builder.ToTable("expansion_combinations");
        builder.HasKey(c => c.Id);
        builder.HasOne(c => c.BaseGame).WithMany(g => g.ExpansionCombinations)
            .HasForeignKey(c => c.BaseGameId).OnDelete(DeleteBehavior.Cascade);
    }
}
