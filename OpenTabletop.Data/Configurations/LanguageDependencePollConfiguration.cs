using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class LanguageDependencePollConfiguration : IEntityTypeConfiguration<LanguageDependencePoll>
{
    public void Configure(EntityTypeBuilder<LanguageDependencePoll> builder)
    {
        builder.ToTable("language_dependence_polls");
        builder.HasKey(p => new { p.GameId, p.Level });
        builder.HasOne(p => p.Game).WithMany(g => g.LanguageDependencePolls)
            .HasForeignKey(p => p.GameId).OnDelete(DeleteBehavior.Cascade);
    }
}
