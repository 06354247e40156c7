namespace OpenTabletop.Api.Http;

internal static class NumericConversions
{
    /// <summary>Stored as numeric; written as a plain JSON number without trailing zeros (8.340 → 8.34).</summary>
    public static double? ToDouble(this decimal? value) => value is null ? null : (double)value.Value;
}
