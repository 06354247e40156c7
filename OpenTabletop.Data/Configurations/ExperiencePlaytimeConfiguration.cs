using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class ExperiencePlaytimeConfiguration : IEntityTypeConfiguration<ExperiencePlaytime>
{
    public void Configure(EntityTypeBuilder<ExperiencePlaytime> builder)
    {
        builder.ToTable("experience_playtime");
        builder.HasKey(p => new { p.GameId, p.ExperienceLevel });
        // Snake case would give "p10minutes": a digit followed by a capital gets no underscore.
        builder.Property(p => p.P10Minutes).HasColumnName("p10_minutes");
        builder.Property(p => p.P90Minutes).HasColumnName("p90_minutes");
        builder.HasOne(p => p.Game).WithMany(g => g.ExperiencePlaytimes)
            .HasForeignKey(p => p.GameId).OnDelete(DeleteBehavior.Cascade);
    }
}
