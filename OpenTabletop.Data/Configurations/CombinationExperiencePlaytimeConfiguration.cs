using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class CombinationExperiencePlaytimeConfiguration : IEntityTypeConfiguration<CombinationExperiencePlaytime>
{
    public void Configure(EntityTypeBuilder<CombinationExperiencePlaytime> builder)
    {
        builder.ToTable("combination_experience_playtime");
        builder.HasKey(p => new { p.CombinationId, p.ExperienceLevel });
        // Snake case would give "p10minutes": a digit followed by a capital gets no underscore.
        builder.Property(p => p.P10Minutes).HasColumnName("p10_minutes");
        builder.Property(p => p.P90Minutes).HasColumnName("p90_minutes");
        builder.HasOne(p => p.Combination).WithMany(c => c.ExperiencePlaytimes)
            .HasForeignKey(p => p.CombinationId).OnDelete(DeleteBehavior.Cascade);
    }
}
