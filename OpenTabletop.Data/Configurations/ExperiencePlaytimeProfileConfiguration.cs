using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class ExperiencePlaytimeProfileConfiguration : IEntityTypeConfiguration<ExperiencePlaytimeProfile>
{
    public void Configure(EntityTypeBuilder<ExperiencePlaytimeProfile> builder)
    {
        builder.ToTable("experience_playtime_profiles");
        builder.HasKey(p => p.GameId);
        builder.HasOne(p => p.Game).WithOne(g => g.ExperiencePlaytimeProfile)
            .HasForeignKey<ExperiencePlaytimeProfile>(p => p.GameId).OnDelete(DeleteBehavior.Cascade);
    }
}
