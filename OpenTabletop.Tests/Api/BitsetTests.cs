using OpenTabletop.Api.Games.Listing.InMemory;

namespace OpenTabletop.Tests.Api;

/// <summary>The in-memory index's range scan (vectorised where the CPU allows) against a plain loop.</summary>
public sealed class BitsetTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(64, 1)]
    [InlineData(1000, 2)]
    [InlineData(4099, 3)]
    public void KeepWithinKeepsExactlyTheValuesInRangeAndNeverAMissingOne(int size, int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, size).Select(_ => random.Next(5) == 0 ? GameIndexSnapshot.Null : random.Next(-3, 12)).ToArray();
        foreach (var (low, high) in new[] { (GameIndexSnapshot.Null + 1, 4), (3, int.MaxValue), (2, 7), (5, 5), (8, 2), (GameIndexSnapshot.Null + 1, int.MaxValue) })
        {
            var start = Bitset.Full(size);
            // Some positions already out: they must stay out.
            for (var p = 0; p < size; p += 7) start[p >> 6] &= ~(1UL << (p & 63));
            var bits = (ulong[])start.Clone();

            Bitset.KeepWithin(bits, values, low, high);

            for (var p = 0; p < size; p++)
            {
                var expected = Bitset.Has(start, p) && values[p] != GameIndexSnapshot.Null && values[p] >= low && values[p] <= high;
                Assert.True(expected == Bitset.Has(bits, p), $"position {p}, value {values[p]}, range [{low}, {high}]");
            }
            Assert.Equal(Enumerable.Range(0, size).Count(p => Bitset.Has(bits, p)), Bitset.Count(bits));
        }
    }
}
