using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenTabletop.Data.Configurations;

internal static class PropertyBuilderExtensions
{
    /// <summary>EF never sends this column in an INSERT or UPDATE (generated columns, trigger-maintained columns).</summary>
    public static PropertyBuilder<T> ReadOnlyInDatabase<T>(this PropertyBuilder<T> property)
    {
        property.Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        property.Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        return property;
    }
}
