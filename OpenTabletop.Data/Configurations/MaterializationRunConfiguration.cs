using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class MaterializationRunConfiguration : IEntityTypeConfiguration<MaterializationRun>
{
    public void Configure(EntityTypeBuilder<MaterializationRun> builder)
    {
        builder.ToTable("materialization_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.RequestedAt).HasDefaultValueSql("now()");
        builder.ComplexCollection(r => r.Steps, steps =>
        {
            steps.ToJson("steps");
            steps.Property(s => s.Step).HasJsonPropertyName("step");
            steps.Property(s => s.StartedAt).HasJsonPropertyName("started_at");
            steps.Property(s => s.DurationMs).HasJsonPropertyName("duration_ms");
            steps.Property(s => s.Rows).HasJsonPropertyName("rows");
        });
    }
}
