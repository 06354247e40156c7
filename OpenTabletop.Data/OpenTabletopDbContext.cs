using Microsoft.EntityFrameworkCore;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data;

/// <summary>
/// Maps the entities onto the schema that the numbered SQL migrations create. EF never generates
/// or changes the schema; names are snake_case by convention (EFCore.NamingConventions).
/// </summary>
public sealed class OpenTabletopDbContext(DbContextOptions<OpenTabletopDbContext> options) : DbContext(options)
{
    public DbSet<Game> Games => Set<Game>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OpenTabletopDbContext).Assembly);
    }
}
