using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class GameConfiguration : IEntityTypeConfiguration<Game>
{
    public void Configure(EntityTypeBuilder<Game> builder)
    {
        builder.ToTable("games");
        builder.HasKey(g => g.Id);

        // Maintained by the database (a generated column and a trigger): read back after a save, never written.
        builder.Property(g => g.SortName).ValueGeneratedOnAddOrUpdate().ReadOnlyInDatabase();
        builder.Property(g => g.SearchAlternateNames).ValueGeneratedOnAddOrUpdate().ReadOnlyInDatabase();
        // Generated too, but not worth returning on every save: never written, only read by queries.
        builder.Property(g => g.SearchVector).HasColumnType("tsvector").ReadOnlyInDatabase();

        builder.Property(g => g.RankByCategory).HasJsonbConversion();
        builder.Property(g => g.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(g => g.UpdatedAt).HasDefaultValueSql("now()");

        builder.HasOne(g => g.Parent).WithMany(g => g.Expansions)
            .HasForeignKey(g => g.ParentGameId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(g => g.Mechanics).WithMany(m => m.Games).UsingEntity<GameMechanic>(
            term => term.HasOne(j => j.Mechanic).WithMany().HasForeignKey(j => j.MechanicId).OnDelete(DeleteBehavior.Restrict),
            game => game.HasOne(j => j.Game).WithMany().HasForeignKey(j => j.GameId).OnDelete(DeleteBehavior.Cascade));
        builder.HasMany(g => g.Categories).WithMany(c => c.Games).UsingEntity<GameCategory>(
            term => term.HasOne(j => j.Category).WithMany().HasForeignKey(j => j.CategoryId).OnDelete(DeleteBehavior.Restrict),
            game => game.HasOne(j => j.Game).WithMany().HasForeignKey(j => j.GameId).OnDelete(DeleteBehavior.Cascade));
        builder.HasMany(g => g.Themes).WithMany(t => t.Games).UsingEntity<GameTheme>(
            term => term.HasOne(j => j.Theme).WithMany().HasForeignKey(j => j.ThemeId).OnDelete(DeleteBehavior.Restrict),
            game => game.HasOne(j => j.Game).WithMany().HasForeignKey(j => j.GameId).OnDelete(DeleteBehavior.Cascade));
        builder.HasMany(g => g.Families).WithMany(f => f.Games).UsingEntity<GameFamily>(
            term => term.HasOne(j => j.Family).WithMany().HasForeignKey(j => j.FamilyId).OnDelete(DeleteBehavior.Restrict),
            game => game.HasOne(j => j.Game).WithMany().HasForeignKey(j => j.GameId).OnDelete(DeleteBehavior.Cascade));
    }
}
