using System.Numerics;
using System.Runtime.Intrinsics;

namespace OpenTabletop.Api.Games.Listing.InMemory;

/// <summary>Sets of positions as arrays of 64-bit words: bit <c>p % 64</c> of word <c>p / 64</c>.</summary>
internal static class Bitset
{
    public static ulong[] Empty(int size) => new ulong[(size + 63) / 64];

    public static ulong[] Full(int size)
    {
        var bits = new ulong[(size + 63) / 64];
        Array.Fill(bits, ulong.MaxValue);
        if (size % 64 != 0) bits[^1] = (1UL << (size % 64)) - 1;
        return bits;
    }

    public static void Set(ulong[] bits, int position) => bits[position >> 6] |= 1UL << (position & 63);

    public static bool Has(ulong[] bits, int position) => (bits[position >> 6] & (1UL << (position & 63))) != 0;

    public static int Count(ulong[] bits)
    {
        var count = 0;
        foreach (var word in bits) count += BitOperations.PopCount(word);
        return count;
    }

    public static void And(ulong[] target, ulong[] other)
    {
        for (var i = 0; i < target.Length; i++) target[i] &= other[i];
    }

    public static void AndNot(ulong[] target, ulong[] other)
    {
        for (var i = 0; i < target.Length; i++) target[i] &= ~other[i];
    }

    public static void Or(ulong[] target, ulong[] other)
    {
        for (var i = 0; i < target.Length; i++) target[i] |= other[i];
    }

    /// <summary>
    /// Keeps the positions whose value lies in [<paramref name="low"/>, <paramref name="high"/>]: one
    /// unsigned comparison per value, eight at a time where the CPU has 256-bit vectors, without a
    /// branch per value (a filter keeps values in no predictable pattern); empty words are skipped.
    /// </summary>
    public static void KeepWithin(ulong[] bits, int[] values, int low, int high)
    {
        if (low > high)
        {
            Array.Clear(bits);
            return;
        }
        var span = (uint)(high - low);
        var vectors = Vector256.IsHardwareAccelerated;
        var lows = Vector256.Create(low);
        var spans = Vector256.Create(span);
        for (var w = 0; w < bits.Length; w++)
        {
            var word = bits[w];
            if (word == 0) continue;
            var first = w << 6;
            var keep = 0UL;
            if (vectors && first + 64 <= values.Length)
            {
                ref var start = ref values[first];
                for (var k = 0; k < 8; k++)
                {
                    var offsets = (Vector256.LoadUnsafe(ref start, (nuint)(k * 8)) - lows).AsUInt32();
                    keep |= (ulong)Vector256.LessThanOrEqual(offsets, spans).ExtractMostSignificantBits() << (k * 8);
                }
            }
            else
            {
                var last = Math.Min(first + 64, values.Length);
                for (var p = first; p < last; p++)
                {
                    keep |= (ulong)(((uint)(values[p] - low) <= span) ? 1 : 0) << (p - first);
                }
            }
            bits[w] = word & keep;
        }
    }
}
